// name: post-purchase-survey
// kind: followup
// schedule: 0 0 12 * * ?
// timeZone: Asia/Shanghai
// trigger: orders, events:survey
// description: A satisfaction survey 3 days after a paid order (at most one per 30 days), cancelled when the customer answers.
// owner: crm-service
#load "../_shared/calendar.csx"

// Day 3 after the order, at 19:00 shop time: usually delivered and tried, and an evening message gets read.
// By SMS when the customer allowed SMS, else WeChat. Only orders of the last 10 days are looked at; an order
// within 30 days after an earlier one gets no second survey (nobody wants a questionnaire per parcel).
// When a survey answer arrives, the open survey task is cancelled.
const int SurveyOnDay = 3, SurveyHour = 19, LookbackDays = 10, QuietDays = 30;

var answeredAt = EventsOfType(EventTypes.Survey).LastOrDefault()?.At;
foreach (var open in OpenTasks.Where(t => t.Key.StartsWith("survey:", StringComparison.Ordinal) && answeredAt > t.CreatedAt))
    CancelTask(open.Key, $"the customer answered a survey on {Iso(LocalDate(answeredAt!.Value))}");

if (LastOrder is not { } order || (Now - order.At).TotalDays > LookbackDays) return;
if (answeredAt >= order.At) return; // already told us how it went
var previous = Orders.LastOrDefault(o => o.Status == OrderStatus.Paid && o.At < order.At);
if (previous is not null && (order.At - previous.At).TotalDays < QuietDays) return;

var channel = Customer.Consent.GetValueOrDefault("sms") ? "sms" : "wechat";
var orderDay = LocalDate(order.At);
CreateTask($"survey:{order.Id}", LocalTimeUtc(orderDay.AddDays(SurveyOnDay), SurveyHour), channel,
    "Send the satisfaction survey (product, delivery, service; 1-5) and thank them for the order.",
    $"order {order.Id} on {Iso(orderDay)}: satisfaction survey on day {SurveyOnDay}", FollowUpPriority.Low);
