// name: profile-completion-bonus
// kind: reward
// schedule: 0 0 8 * * ?
// timeZone: Asia/Shanghai
// trigger: customers
// description: One-time 50 points once the profile is complete (birthday, gender, region, a phone or e-mail, one survey attribute).
// owner: loyalty-team
#load "../_shared/points.csx"

// A complete profile is what makes birthday benefits and targeted offers possible, so it is worth points once.
// Together with the interaction tasks (task-chain-bonus) a new member earns enough for one small coupon.
// Only the presence of the fields is checked; their values (personal data) are never written anywhere.
const long CompletionPoints = 50;
const string Key = "profile-complete";

var missing = new List<string>();
if (Customer.Birthday is null) missing.Add("birthday");
if (string.IsNullOrWhiteSpace(Customer.Gender)) missing.Add("gender");
if (string.IsNullOrWhiteSpace(Customer.Region)) missing.Add("region");
if (string.IsNullOrWhiteSpace(Customer.Phone) && string.IsNullOrWhiteSpace(Customer.Email)) missing.Add("phone or e-mail");
if (Customer.Attributes.Count == 0) missing.Add("a survey attribute");

if (missing.Count > 0 || AlreadyPaid(Key)) return;
AwardPoints(CompletionPoints, Key,
    $"profile complete (birthday, gender, region, contact, {Customer.Attributes.Count} attribute(s)): one-time {CompletionPoints} points");
