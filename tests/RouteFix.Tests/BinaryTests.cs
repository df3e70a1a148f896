using System.Diagnostics;
using System.Text.Json;

namespace RouteFix.Tests;

/// <summary>The built executable itself (its Program, fd 0/1/2 streams and exit codes), run as a runtime would.</summary>
public sealed class BinaryTests
{
    private static readonly string Binary = Path.Combine(AppContext.BaseDirectory, "route-fix");

    private static (int Exit, string Stdout, string Stderr) Run(IReadOnlyDictionary<string, string> env, byte[] stdin, params string[] args)
    {
        var start = new ProcessStartInfo(Binary) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in CniRun.Env().Keys.Append("CNI_COMMAND"))
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in env)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        process.StandardInput.BaseStream.Write(stdin);
        process.StandardInput.Close();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    [Fact]
    public void Garbage_on_stdin_is_a_cni_error_with_exit_1()
    {
        var random = new Random(99);
        for (var i = 0; i < 5; i++)
        {
            var input = new byte[random.Next(1, 512)];
            random.NextBytes(input);
            var (exit, stdout, stderr) = Run(CniRun.Env(), input);
            Assert.Equal(1, exit);
            Assert.Equal(string.Empty, stderr);
            Assert.True(JsonDocument.Parse(stdout).RootElement.GetProperty("code").GetUInt32() is 6 or 7, stdout);
        }
    }

    [Fact]
    public void Version_and_about()
    {
        var (exit, stdout, _) = Run(new Dictionary<string, string> { ["CNI_COMMAND"] = "VERSION" }, []);
        Assert.Equal(0, exit);
        Assert.Equal("1.1.0", JsonDocument.Parse(stdout).RootElement.GetProperty("cniVersion").GetString());

        var about = Run(new Dictionary<string, string>(), []);
        Assert.Equal(0, about.Exit);
        Assert.StartsWith("CNI route-fix plugin v", about.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Install_copies_the_running_executable()
    {
        var dir = Directory.CreateTempSubdirectory("route-fix-bin-").FullName;
        try
        {
            var (exit, stdout, stderr) = Run(new Dictionary<string, string>(), [], "install", dir);
            Assert.True(exit == 0, stderr);
            var installed = Path.Combine(dir, "route-fix");
            Assert.Equal($"installed {installed}\n", stdout);
            Assert.Equal(File.ReadAllBytes(Binary), File.ReadAllBytes(installed));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Unknown_arguments_are_usage_exit_2()
    {
        var (exit, stdout, stderr) = Run(new Dictionary<string, string>(), [], "--help");
        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.StartsWith("usage: route-fix install DIR", stderr, StringComparison.Ordinal);
    }
}
