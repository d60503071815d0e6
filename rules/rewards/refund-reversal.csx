// name: refund-reversal
// kind: reward
// schedule: 0 10 3 * * ?
// timeZone: Asia/Shanghai
// trigger: orders
// description: A refunded order gives back exactly the purchase points it earned; once per order.
// owner: loyalty-team
#load "../_shared/points.csx"
#load "../_shared/calendar.csx"

// Takes back what purchase-points actually paid for the order (tier multiplier included), read from the
// ledger, not recomputed: the tier may have changed since. An order refunded before it was ever paid needs
// nothing. The balance may go below zero if the points were already redeemed; the customer service team
// sees it in the ledger.
foreach (var order in Orders.Where(o => o.Status == OrderStatus.Refunded))
{
    var earned = Ledger
        .Where(e => e.Key == $"order:{order.Id}" && e.Type == PointsEntryType.Earn && e.Source.Rule == "purchase-points")
        .Sum(e => e.Delta);
    var key = $"refund:{order.Id}";
    if (earned <= 0 || AlreadyPaid(key)) continue;
    var refunded = LocalDate(order.RefundedAt ?? Now);
    DeductPoints(earned, key, $"order {order.Id} refunded on {Iso(refunded)}: take back the {earned} points it earned");
}
