using System.Diagnostics;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace RuleEngine.Browser.Tests.Support;

/// <summary>
/// Debian's headless Chromium driven by its chromedriver, at a laptop's 1366x768. No browser is ever downloaded:
/// when the packages are missing, install-chromium.sh installs them from the Debian mirrors (as .ci/run does).
/// </summary>
public sealed class ConsoleBrowser : IDisposable
{
    private const string Chromium = "/usr/bin/chromium";
    private const string ChromeDriver = "/usr/bin/chromedriver";
    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(30);

    private readonly string profile = Path.Combine(Path.GetTempPath(), "ruleengine-chromium", Guid.NewGuid().ToString("N"));
    private Uri baseAddress;

    public ChromeDriver Driver { get; }

    public ConsoleBrowser(Uri baseAddress)
    {
        this.baseAddress = baseAddress;
        EnsureInstalled();
        Directory.CreateDirectory(profile);
        var options = new ChromeOptions { BinaryLocation = Chromium };
        options.AddArguments(
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
            "--no-first-run", "--no-default-browser-check", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--disable-extensions", "--window-size=1366,768", "--force-device-scale-factor=1",
            "--user-data-dir=" + profile);
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(ChromeDriver)!, Path.GetFileName(ChromeDriver));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        // Chromium as root writes its crash database and caches under XDG folders: give it writable ones (the driver,
        // and Chromium under it, inherit this process's environment).
        Environment.SetEnvironmentVariable("XDG_CONFIG_HOME", Directory.CreateDirectory(Path.Combine(profile, "config")).FullName);
        Environment.SetEnvironmentVariable("XDG_CACHE_HOME", Directory.CreateDirectory(Path.Combine(profile, "cache")).FullName);
        Driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    /// <summary>Installs Debian's chromium and chromium-driver when they are missing (the script is idempotent).</summary>
    public static void EnsureInstalled()
    {
        if (File.Exists(Chromium) && File.Exists(ChromeDriver)) return;
        var script = Path.Combine(AppContext.BaseDirectory, "install-chromium.sh");
        using var install = Process.Start(new ProcessStartInfo("bash", [script]) { UseShellExecute = false })!;
        install.WaitForExit();
        if (install.ExitCode != 0 || !File.Exists(Chromium) || !File.Exists(ChromeDriver))
            throw new InvalidOperationException($"Chromium could not be installed ({script} exited with {install.ExitCode}).");
    }

    /// <summary>The server moved (restarted on another port): later <see cref="Go"/> calls go there.</summary>
    public void Rebase(Uri address) => baseAddress = address;

    public void Go(string path) => Driver.Navigate().GoToUrl(new Uri(baseAddress, path));

    /// <summary>Signs in on whatever page is open (the console shows the sign-in form in place of any page).</summary>
    public void SignIn(string apiKey)
    {
        // The tab may still be signed in from a previous test (its session survives navigation): sign out first.
        var shown = Until(() => TryFind("#api-key") ?? TryFind("#sign-out"), "the sign-in form or the sign-out button");
        if (shown.GetAttribute("id") == "sign-out") shown.Click();
        var key = WaitFor("#api-key");
        key.Clear();
        key.SendKeys(apiKey);
        Find("#sign-in").Click();
        WaitFor("#sign-out");
    }

    public IWebElement Find(string css) => Driver.FindElement(By.CssSelector(css));

    public IWebElement? TryFind(string css) => Driver.FindElements(By.CssSelector(css)).FirstOrDefault();

    public IReadOnlyList<IWebElement> FindAll(string css) => Driver.FindElements(By.CssSelector(css));

    public IWebElement WaitFor(string css, TimeSpan? timeout = null) =>
        Until(() => TryFind(css) is { Displayed: true } e ? e : null, $"'{css}' to appear", timeout);

    /// <summary>Polls <paramref name="probe"/> until it gives a value (stale elements from a re-render count as not yet).</summary>
    public T Until<T>(Func<T?> probe, string what, TimeSpan? timeout = null) where T : class
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultWait);
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (probe() is { } value) return value;
            }
            catch (Exception e) when (e is StaleElementReferenceException or NoSuchElementException or WebDriverException)
            {
                last = e;
            }
            Thread.Sleep(100);
        }
        Screenshot("failure-" + DateTime.UtcNow.ToString("HHmmss"), intoDocs: false);
        throw new TimeoutException($"Waited {(timeout ?? DefaultWait).TotalSeconds} s for {what}. Page text: {BodyText()[..Math.Min(1500, BodyText().Length)]}", last);
    }

    public void UntilTrue(Func<bool> probe, string what, TimeSpan? timeout = null) =>
        Until(() => probe() ? "yes" : null, what, timeout);

    public object? Js(string script, params object[] args) => Driver.ExecuteScript(script, args);

    public string BodyText()
    {
        try { return Driver.FindElement(By.TagName("body")).Text; }
        catch (WebDriverException) { return ""; }
    }

    /// <summary>A PNG of the viewport: into docs/screenshots (the docs show these), or the test output for failures.</summary>
    public string Screenshot(string name, bool intoDocs = true)
    {
        var folder = intoDocs ? Repository.Screenshots : Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".png");
        Driver.GetScreenshot().SaveAsFile(path);
        return path;
    }

    public void Dispose()
    {
        Driver.Quit();
        Driver.Dispose();
        try { Directory.Delete(profile, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
