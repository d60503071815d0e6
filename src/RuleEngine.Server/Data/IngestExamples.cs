namespace RuleEngine.Server.Data;

/// <summary>The ingest bodies the OpenAPI document shows; IngestRowsDocumentTests sends them and expects them accepted.</summary>
internal static class IngestExamples
{
    public const string CustomersJson = """
        [
          { "id": "c-1001", "name": "Li Na", "email": "li.na@example.com", "phone": "+86 138 0000 0000", "gender": "f",
            "birthday": "1990-02-28", "region": "Shanghai", "joinedAt": "2025-03-01T10:00:00Z", "channel": "online",
            "tags": ["newsletter", "vip-candidate"], "attributes": { "skinType": "dry" }, "consent": { "sms": true, "email": false } },
          { "id": "c-1002", "name": "Wang Wei", "region": "Beijing", "joinedAt": "2026-01-15T08:30:00Z" }
        ]
        """;

    public const string CustomersCsv = """
        id,name,email,region,joinedAt,tags,attributes.skinType,consent.sms
        c-1001,Li Na,li.na@example.com,Shanghai,2025-03-01T10:00:00Z,newsletter;vip-candidate,dry,true
        c-1002,Wang Wei,,Beijing,2026-01-15T08:30:00Z,,,

        """;

    public const string OrdersJson = """
        [
          { "id": "o-5001", "customerId": "c-1001", "amount": 398.00, "currency": "CNY", "at": "2026-11-20T14:05:00Z",
            "channel": "online", "status": "paid",
            "items": [ { "sku": "SERUM-30", "name": "Serum 30 ml", "quantity": 2, "price": 199.00 } ] },
          { "id": "o-5002", "customerId": "c-1002", "amount": 89.50, "at": "2026-11-21T09:00:00Z",
            "status": "refunded", "refundedAt": "2026-11-22T10:00:00Z" }
        ]
        """;

    public const string OrdersCsv = """
        id,customerId,amount,currency,at,channel,status,refundedAt
        o-5001,c-1001,398.00,CNY,2026-11-20T14:05:00Z,online,paid,
        o-5002,c-1002,89.50,CNY,2026-11-21T09:00:00Z,,refunded,2026-11-22T10:00:00Z

        """;

    public const string EventsJson = """
        [
          { "id": "e-9001", "customerId": "c-1001", "type": "signin", "at": "2026-11-22T07:59:00Z" },
          { "id": "e-9002", "customerId": "c-1002", "type": "visit", "at": "2026-11-22T09:30:00Z", "properties": { "prescriptionDays": "14" } }
        ]
        """;

    public const string EventsCsv = """
        id,customerId,type,at,properties.prescriptionDays
        e-9001,c-1001,signin,2026-11-22T07:59:00Z,
        e-9002,c-1002,visit,2026-11-22T09:30:00Z,14

        """;
}
