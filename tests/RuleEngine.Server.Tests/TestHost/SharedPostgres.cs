using RuleEngine.Testing;

namespace RuleEngine.Server.Tests.TestHost;

/// <summary>One throwaway PostgreSQL server for the whole test process, started on first use, stopped when the process exits.</summary>
public static class SharedPostgres
{
    static readonly Lazy<TemporaryPostgres> Instance = new(() =>
    {
        var server = TemporaryPostgres.Start();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
        return server;
    });

    public static TemporaryPostgres Server => Instance.Value;
}
