using System.Diagnostics;
using Npgsql;
using RuleEngine.Testing;

namespace RuleEngine.Benchmarks.Cluster;

/// <summary>
/// Where a measured path's time went: CPU seconds of this process and of PostgreSQL's processes over the path, and
/// PostgreSQL's own statement statistics (pg_stat_statements, loaded by <see cref="Settings"/>): the statements that
/// took the server's time, with their calls. Printed after each path, so a ratio comes with its reasons.
/// </summary>
sealed class ServerTime(TemporaryPostgres server)
{
    /// <summary>The server settings the statistics need (pass to <see cref="TemporaryPostgres.Start"/>).</summary>
    public static readonly string[] Settings = ["shared_preload_libraries=pg_stat_statements", "pg_stat_statements.track=all"];

    double _serverCpu;
    TimeSpan _ownCpu;

    public void Begin()
    {
        Execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset();");
        _serverCpu = server.CpuSeconds();
        _ownCpu = Process.GetCurrentProcess().TotalProcessorTime;
    }

    public void Report(string path, int top = 12)
    {
        var ownCpu = (Process.GetCurrentProcess().TotalProcessorTime - _ownCpu).TotalSeconds;
        var serverCpu = server.CpuSeconds() - _serverCpu;
        Console.WriteLine($"\n{path}: this process {ownCpu:N1} CPU s, PostgreSQL {serverCpu:N1} CPU s; its statements by time:");
        using var connection = new NpgsqlConnection(server.AdminConnectionString);
        connection.Open();
        using var query = new NpgsqlCommand("""
            SELECT calls, total_exec_time, rows, regexp_replace(left(query, 110), '\s+', ' ', 'g')
            FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%' ORDER BY total_exec_time DESC LIMIT $1
            """, connection) { Parameters = { new NpgsqlParameter { Value = top } } };
        using var reader = query.ExecuteReader();
        while (reader.Read())
            Console.WriteLine($"  {reader.GetDouble(1) / 1000,7:N2} s {reader.GetInt64(0),8:N0} calls {reader.GetInt64(2),10:N0} rows  {reader.GetString(3)}");
    }

    void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(server.AdminConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
