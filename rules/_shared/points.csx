// Ledger helpers for reward rules.

/// <summary>
/// True when the ledger already has an entry with this reason key. Keys make a second award impossible anyway;
/// checking first keeps dry runs and logs quiet ("would award" only what is really new).
/// </summary>
bool AlreadyPaid(string reasonKey) => Ledger.Any(e => e.Key == reasonKey);
