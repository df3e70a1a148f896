using System.Diagnostics;
using System.Text;
using RouteFix.Installer;

namespace RouteFix.Tests;

public sealed class GlibcFloorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("route-fix-glibc-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Ldd(string text)
    {
        var path = Path.Combine(_dir, "ldd-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(path, text);
        return path;
    }

    [Theory]
    [InlineData("    echo 'ldd (Debian GLIBC 2.36-9+deb12u14) 2.36'", "2.36")]
    [InlineData("  echo $\"ldd (GNU libc) 2.34\"", "2.34")]
    [InlineData("echo 'ldd (Ubuntu GLIBC 2.35-0ubuntu3.8) 2.35'", "2.35")]
    public void Host_version_comes_from_ldds_version_line(string line, string expected) =>
        Assert.Equal(Version.Parse(expected), GlibcFloor.FromLdd("#! /bin/bash\n" + line + "\n"));

    [Fact]
    public void Required_is_the_newest_glibc_symbol_version() =>
        Assert.Equal(new Version(2, 34), GlibcFloor.Required(Encoding.ASCII.GetBytes("\0GLIBC_2.2.5\0GLIBC_2.34\0GLIBC_2.29\0GLIBC_PRIVATE\0")));

    [Fact]
    public void An_older_host_is_refused_naming_both_versions_and_the_fix()
    {
        var message = GlibcFloor.Refusal(new Version(2, 34), Ldd("echo 'ldd (Debian GLIBC 2.31-13+deb11u11) 2.31'\n"));
        Assert.NotNull(message);
        Assert.Contains("the host's glibc is 2.31", message, StringComparison.Ordinal);
        Assert.Contains("needs glibc >= 2.34", message, StringComparison.Ordinal);
        Assert.Contains("Use a node OS with glibc >= 2.34", message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_equal_or_newer_host_is_accepted()
    {
        Assert.Null(GlibcFloor.Refusal(new Version(2, 34), Ldd("echo 'ldd (GNU libc) 2.34'\n")));
        Assert.Null(GlibcFloor.Refusal(new Version(2, 34), Ldd("echo 'ldd (GNU libc) 2.41'\n")));
    }

    [Fact]
    public void A_host_without_glibc_ldd_is_refused() =>
        Assert.Contains("has no glibc ldd", GlibcFloor.Refusal(new Version(2, 34), Path.Combine(_dir, "missing"))!, StringComparison.Ordinal);

    /// <summary>The published binary's floor, as objdump -T sees it, is what the installer computes from its own bytes.</summary>
    [Fact]
    public void The_built_binarys_floor_matches_objdump()
    {
        var binary = Path.Combine(AppContext.BaseDirectory, "route-fix");
        var objdump = new ProcessStartInfo("objdump", ["-T", binary]) { RedirectStandardOutput = true, RedirectStandardError = true };
        Process? process;
        try
        {
            process = Process.Start(objdump);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Skip("objdump missing (apt-get install binutils)");
            return;
        }

        var output = process!.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var versions = output.Split('\n').SelectMany(l => l.Split(' ', '\t', '(', ')')).Where(w => w.StartsWith("GLIBC_", StringComparison.Ordinal) && char.IsAsciiDigit(w[6]))
            .Select(w => Version.Parse(w[6..])).ToList();
        Assert.NotEmpty(versions);
        Assert.Equal(versions.Max(), GlibcFloor.Required(File.ReadAllBytes(binary)));
    }

    [Fact]
    public void Install_with_an_old_host_ldd_refuses_and_writes_nothing()
    {
        var target = Directory.CreateDirectory(Path.Combine(_dir, "bin")).FullName;
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = BinaryInstaller.Run(["install", target, "--host-ldd", Ldd("echo 'ldd (GNU libc) 2.2'\n")], stdout, stderr);
        var required = GlibcFloor.Required(File.ReadAllBytes(Environment.ProcessPath!));
        if (required is null)
        {
            Assert.Equal(0, exit); // the test host itself needs no versioned glibc symbols
            return;
        }

        Assert.Equal(1, exit);
        Assert.StartsWith("route-fix install: refusing: the host's glibc is 2.2", stderr.ToString(), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(target));
    }
}
