using System.Diagnostics;
using GitOps.Tests.Support;
using Xunit;

namespace GitOps.Tests.Hosts;

/// <summary>
/// The generated Hyper-V script parses with PowerShell's own parser
/// (<c>[System.Management.Automation.Language.Parser]::ParseFile</c>), run by the real pwsh that test.sh installs as a
/// .NET tool into artifacts/tools/pwsh; a broken script fails the same check. Hyper-V itself is not on Linux, so this
/// checks syntax (and the #Requires lines), not the cmdlets' effect.
/// </summary>
[Trait("Category", "PowerShell")]
public sealed class HyperVScriptParseTests
{
    private const string RequireVariable = "GITOPS_REQUIRE_NAMESPACE_TESTS";

    private static string Pwsh => Path.Combine(RepositoryPaths.Root, "artifacts", "tools", "pwsh", OperatingSystem.IsWindows() ? "pwsh.exe" : "pwsh");

    [Fact]
    public void The_generated_script_parses_without_errors()
    {
        RequirePwsh();
        var result = Parse(HyperVLabs.Script(HyperVLabs.TwoVms()));
        Assert.True(result.ExitCode == 0, "pwsh found parse errors in hosts/hyperv/hv-host-1.ps1:\n" + result.Output);
        Assert.Contains("parsed: 6 commands", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_script_fails_the_check()
    {
        RequirePwsh();
        // What an unescaped quote in a VM name would make of a line: the string never ends.
        var broken = HyperVLabs.Script(HyperVLabs.TwoVms()).Replace("'k8s 2 (o''brien)'", "'k8s 2 (o'brien)'", StringComparison.Ordinal);

        var result = Parse(broken);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("ParseError", result.Output, StringComparison.Ordinal);
    }

    private static void RequirePwsh()
    {
        if (File.Exists(Pwsh))
        {
            return;
        }

        var missing = $"{Path.GetRelativePath(RepositoryPaths.Root, Pwsh)} not found (dotnet tool install PowerShell --version 7.6.10 --tool-path artifacts/tools/pwsh; test.sh does it)";
        if (Environment.GetEnvironmentVariable(RequireVariable) == "1")
        {
            Assert.Fail($"{RequireVariable}=1 but the PowerShell parse test cannot run: {missing}");
        }

        Assert.Skip("PowerShell parse test prerequisite missing: " + missing);
    }

    /// <summary>Writes the script to a temporary .ps1, parses it with pwsh, prints each ParseError and the command count; exit 1 on any error.</summary>
    private static (int ExitCode, string Output) Parse(string script)
    {
        var file = Path.Combine(Path.GetTempPath(), $"gitops-hyperv-{Guid.NewGuid():N}.ps1");
        var checker = Path.ChangeExtension(file, ".check.ps1");
        File.WriteAllText(file, script);
        try
        {
            const string check = """
                $tokens = $null; $errors = $null
                $ast = [System.Management.Automation.Language.Parser]::ParseFile($args[0], [ref]$tokens, [ref]$errors)
                foreach ($e in $errors) { Write-Output ("ParseError line {0}: {1} ({2})" -f $e.Extent.StartLineNumber, $e.Message, $e.ErrorId) }
                $commands = $ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.CommandAst] }, $true)
                Write-Output ("parsed: {0} commands" -f $commands.Count)
                if ($errors.Count -gt 0) { exit 1 }
                """;
            File.WriteAllText(checker, check);
            var start = new ProcessStartInfo(Pwsh) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[] { "-NoProfile", "-NonInteractive", "-File", checker, file })
            {
                start.ArgumentList.Add(arg);
            }

            start.Environment["POWERSHELL_TELEMETRY_OPTOUT"] = "1";
            start.Environment["POWERSHELL_UPDATECHECK"] = "Off";
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, stdout.Result + stderr);
        }
        finally
        {
            File.Delete(file);
            File.Delete(checker);
        }
    }
}
