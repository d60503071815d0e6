// name: complaint-urgent-task
// kind: followup
// schedule: 0 0/15 * * * ?
// timeZone: Asia/Shanghai
// trigger: events:complaint
// description: Every complaint creates an urgent phone task due within 24 hours of the complaint, unless it was already answered.
// owner: crm-service
#load "../_shared/calendar.csx"

// Response time is what the service team is measured on, so the task is due 24 hours after the complaint
// itself (not after the rule saw it) and the rule runs every 15 minutes. A complaint counts as answered when a
// callback_made event follows it (for this complaint, if the callback names one in properties.complaintId).
// Complaints older than 7 days were handled by earlier runs and are not looked at again.
const int RespondWithinHours = 24, LookbackDays = 7;

foreach (var complaint in EventsOfType(EventTypes.Complaint).Where(c => c.At > Now.AddDays(-LookbackDays)))
{
    var answered = EventsOfType(EventTypes.CallbackMade).Any(call => call.At >= complaint.At
        && (!call.Properties.TryGetValue("complaintId", out var about) || about == complaint.Id));
    if (answered) continue;
    var topic = complaint.Properties.GetValueOrDefault("topic") ?? "unspecified";
    CreateTask($"complaint:{complaint.Id}", complaint.At.AddHours(RespondWithinHours), "phone",
        $"Complaint about {topic}: call, apologise, resolve or escalate, and record the outcome.",
        $"complaint {complaint.Id} about {topic} at {LocalClock(complaint.At)}: respond within {RespondWithinHours} h",
        FollowUpPriority.Urgent);
}
