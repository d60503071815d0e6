using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace RuleEngine.Testing;

/// <summary>
/// A PostgreSQL server of its own in a temp folder, on a free loopback port, for as long as this object lives: what the
/// PostgreSQL tests, benchmarks and cluster tests run against. It is started from Debian's binaries (installed by
/// install-postgres.sh when missing). initdb refuses to run as root, so as root the server runs as the <c>postgres</c>
/// user the Debian package creates. No Docker: these machines have none.
/// </summary>
public sealed class TemporaryPostgres : IDisposable
{
    static readonly Lock StartLock = new();
    readonly string _bin;
    readonly string? _runAs;

    public string Folder { get; }
    public int Port { get; }

    /// <summary>The server's superuser database; <see cref="CreateDatabase"/> makes a fresh one per test.</summary>
    public string AdminConnectionString => ConnectionString("postgres");

    readonly string[] _extraSettings;

    TemporaryPostgres(string bin, string? runAs, string folder, int port, string[] extraSettings) =>
        (_bin, _runAs, Folder, Port, _extraSettings) = (bin, runAs, folder, port, extraSettings);

    string Settings => $"-c listen_addresses=127.0.0.1 -c port={Port} -c unix_socket_directories={Folder} -c max_connections=400 " +
        "-c shared_buffers=128MB -c idle_in_transaction_session_timeout=60s" + string.Concat(_extraSettings.Select(s => $" -c {s}"));

    /// <summary>Initialises and starts a server; a few seconds (initdb is most of it).</summary>
    /// <param name="extraSettings">More server settings as <c>name=value</c> (a benchmark's statement statistics, say).</param>
    public static TemporaryPostgres Start(params string[] extraSettings)
    {
        var bin = FindBinaries();
        var runAs = Environment.UserName == "root" ? "postgres" : null;
        var folder = Path.Combine(Path.GetTempPath(), "ruleengine-pg", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        if (runAs is not null) Run("chown", $"-R {runAs} {folder}");
        lock (StartLock)
        {
            var port = FreePort();
            var server = new TemporaryPostgres(bin, runAs, folder, port, extraSettings);
            server.Tool("initdb", $"-D {folder}/data -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync");
            server.StartServer();
            return server;
        }
    }

    // fsync stays on (the storage's durability is what tests check); the rest makes a test server start fast and small.
    void StartServer() => Tool("pg_ctl", $"-D {Folder}/data -l {Folder}/server.log -w -t 60 -o \"{Settings}\" start");

    /// <summary>
    /// Stops the server as an outage would (every session cut, no clean shutdown) for <paramref name="downFor"/>, then
    /// starts it again on the same port with the same data.
    /// </summary>
    public void Restart(TimeSpan downFor)
    {
        Tool("pg_ctl", $"-D {Folder}/data -m immediate -w stop");
        Thread.Sleep(downFor);
        StartServer();
    }

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database, Pooling = true, MaxPoolSize = 50,
    }.ConnectionString;

    /// <summary>A new empty database on this server; returns its connection string.</summary>
    public string CreateDatabase(string? name = null)
    {
        name ??= "t" + Guid.NewGuid().ToString("N");
        using var connection = new NpgsqlConnection(AdminConnectionString);
        connection.Open();
        using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        create.ExecuteNonQuery();
        return ConnectionString(name);
    }

    /// <summary>CPU seconds the server's processes have used so far: the postmaster, its live backends and those that ended.</summary>
    public double CpuSeconds()
    {
        var pid = int.Parse(File.ReadLines(Path.Combine(Folder, "data", "postmaster.pid")).First());
        var ticks = Ticks(pid, withChildren: true);
        foreach (var task in Directory.GetDirectories("/proc").Select(Path.GetFileName))
            if (int.TryParse(task, out var child) && ParentOf(child) == pid) ticks += Ticks(child, withChildren: false);
        return ticks / 100.0; // USER_HZ

        static string[]? Stat(int process)
        {
            try
            {
                var text = File.ReadAllText($"/proc/{process}/stat");
                return text[(text.LastIndexOf(')') + 2)..].Split(' ');
            }
            catch (IOException) { return null; }
        }

        static int ParentOf(int process) => Stat(process) is { } fields ? int.Parse(fields[1]) : -1;

        // Fields after the command: state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14).
        static long Ticks(int process, bool withChildren) => Stat(process) is { } f
            ? long.Parse(f[11]) + long.Parse(f[12]) + (withChildren ? long.Parse(f[13]) + long.Parse(f[14]) : 0)
            : 0;
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        try { Tool("pg_ctl", $"-D {Folder}/data -m immediate -w stop"); } catch (InvalidOperationException) { }
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    void Tool(string name, string arguments)
    {
        var path = Path.Combine(_bin, name);
        if (_runAs is null) Run(path, arguments);
        else Run("runuser", $"-u {_runAs} -- {path} {arguments}");
    }

    static void Run(string file, string arguments)
    {
        var info = new ProcessStartInfo("bash", ["-c", $"{file} {arguments}"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"'{file} {arguments}' exited with {process.ExitCode}: {error}{output.Result}");
    }

    /// <summary>Debian's newest installed server binaries; install-postgres.sh installs them when there are none.</summary>
    static string FindBinaries()
    {
        if (Environment.GetEnvironmentVariable("RULEENGINE_PG_BIN") is { Length: > 0 } configured) return configured;
        var found = Newest();
        if (found is not null) return found;
        Run("bash", Path.Combine(AppContext.BaseDirectory, "install-postgres.sh"));
        return Newest() ?? throw new InvalidOperationException("PostgreSQL could not be installed: no /usr/lib/postgresql/*/bin/initdb after install-postgres.sh.");

        static string? Newest() => Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "initdb")))
                .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var v) ? v : 0).FirstOrDefault()
            : null;
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
