// name: starter-path
// kind: reward
// schedule: 0 15 8 * * ?
// timeZone: Asia/Shanghai
// description: A new member (joined in the last 90 days) who finished the earning tasks gets one extra lucky-wheel chance, once.
// owner: loyalty-team
#load "../_shared/points.csx"

// The first-time member's path through the seeds' earning tasks: complete the profile (profile-completion-bonus,
// 50 points), follow the shop, favourite an item and add to cart (task-chain-bonus, 3 × 10 + 30 points). That is
// 110 points: enough for the catalog's smallest coupon (coupon-10, 100 points, no threshold), so the first visit
// ends with something to spend. This rule marks the end of the path with one more lucky-wheel chance ("保证第一次玩的
// 会员能获得奖励"), once per member (key starter-path), and only for new members: the path is a welcome, not a
// reward for veterans who happen to do the same.
const int NewMemberDays = 90;

if (Customer.JoinedAt is not { } joined || joined < Now.AddDays(-NewMemberDays)) return;
if (!AlreadyPaid("profile-complete") || !AlreadyPaid("task-chain")) return;

GrantDrawChance("lucky-wheel", "starter-path",
    $"new member (joined {(Now - joined).TotalDays:0} days ago) finished the earning tasks: {PointsBalance} points, one lucky-wheel chance");
