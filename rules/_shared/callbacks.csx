// Clinic callbacks after a visit, by prescription length (the seeds' 回访 schedule):
//   1-2 weeks (7, 10, 14 days)  → day 3, and 3 days before the prescription ends
//   3 weeks (21 days)           → day 3, day 10, and 3 days before the end
//   1 month (30 days)           → day 3, day 15, and 3 days before the end
//   2 months (60 days)          → day 3, day 21, day 42, and 3 days before the end
// A 10-day prescription counts as "1-2 weeks": day 3 and day 7. A length between two schedules takes the
// longer one's (25 days → like a month); no callback falls on or after the last day; under 7 days, day 3 only.

int[] CallbackDays(int prescriptionDays)
{
    int[] days = prescriptionDays switch
    {
        < 7 => [3],
        <= 14 => [3, prescriptionDays - 3],
        <= 21 => [3, 10, prescriptionDays - 3],
        <= 30 => [3, 15, prescriptionDays - 3],
        _ => [3, 21, 42, prescriptionDays - 3],
    };
    return days.Where(d => d < prescriptionDays).Distinct().Order().ToArray();
}

/// <summary>What each call is for: the first checks the instructions are followed, the last decides on a follow-up visit.</summary>
string CallbackNote(int index, int count) =>
    index == 0 ? "Ask whether the patient follows the instructions (never ask \"is it working?\")."
    : index == count - 1 ? "Decide whether to book a follow-up visit; collect feedback on the treatment."
    : "Ask how the treatment is going and about any discomfort; remind the instructions.";
