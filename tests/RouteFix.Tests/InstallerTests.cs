using RouteFix.Installer;

namespace RouteFix.Tests;

public sealed class InstallerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("route-fix-install-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Source(string content)
    {
        var path = Path.Combine(_dir, "source-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void Copies_with_mode_0755_and_leaves_no_temporary_file()
    {
        var target = Directory.CreateDirectory(Path.Combine(_dir, "bin")).FullName;
        var installed = BinaryInstaller.Install(Source("binary v1"), target);
        Assert.Equal(Path.Combine(target, "route-fix"), installed);
        Assert.Equal("binary v1", File.ReadAllText(installed));
        Assert.Equal(BinaryInstaller.Mode0755, File.GetUnixFileMode(installed));
        Assert.Equal(["route-fix"], Directory.GetFiles(target).Select(Path.GetFileName));
    }

    [Fact]
    public void Replaces_an_existing_binary_by_rename()
    {
        var target = Directory.CreateDirectory(Path.Combine(_dir, "bin")).FullName;
        var first = BinaryInstaller.Install(Source("binary v1"), target);
        using var running = new FileStream(first, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        BinaryInstaller.Install(Source("binary v2"), target);

        // A process that had the old file open still reads the old bytes: the new file is a new inode.
        using var reader = new StreamReader(running);
        Assert.Equal("binary v1", reader.ReadToEnd());
        Assert.Equal("binary v2", File.ReadAllText(first));
    }

    [Fact]
    public void Missing_directory_is_an_error()
    {
        var missing = Path.Combine(_dir, "nope");
        var e = Assert.Throws<IOException>(() => BinaryInstaller.Install(Source("x"), missing));
        Assert.Equal($"directory {missing} does not exist (mount the node's CNI bin directory there)", e.Message);
    }

    [Theory]
    [InlineData("install")]
    [InlineData("uninstall", "/tmp")]
    [InlineData("install", "/tmp", "--wait")]
    public void Bad_arguments_print_usage_and_exit_2(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Assert.Equal(2, BinaryInstaller.Run(args, stdout, stderr));
        Assert.Equal(BinaryInstaller.Usage + "\n", stderr.ToString());
    }
}
