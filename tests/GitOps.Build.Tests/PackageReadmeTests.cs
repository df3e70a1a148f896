namespace GitOps.Build.Tests;

/// <summary>The package README (src/GitOps/README.md) shows the lab the template creates, so the two cannot drift.</summary>
public sealed class PackageReadmeTests
{
    [Fact]
    public void The_package_README_shows_the_templates_lab_as_dotnet_new_labnet_n_my_lab_writes_it()
    {
        var readme = File.ReadAllText(RepositoryPaths.In("src", "GitOps", "README.md"));
        var template = File.ReadAllText(RepositoryPaths.In("src", "GitOps.Templates", "content", "labnet", "MyLab.cs"));
        Assert.Contains("dotnet new labnet -n my-lab\n", readme);
        Assert.Contains("```csharp\n" + template.Replace("home-lab", "my-lab", StringComparison.Ordinal) + "```\n", readme);
    }

    [Fact]
    public void The_package_README_shows_the_templates_Program_cs_and_README_commands()
    {
        var readme = File.ReadAllText(RepositoryPaths.In("src", "GitOps", "README.md"));
        var program = File.ReadAllLines(RepositoryPaths.In("src", "GitOps.Templates", "content", "labnet", "Program.cs"));
        Assert.Contains("```csharp\n" + program.Last() + "\n```\n", readme);
        var labReadme = File.ReadAllText(RepositoryPaths.In("src", "GitOps.Templates", "content", "labnet", "README.md"));
        var commands = labReadme[labReadme.IndexOf("```sh\n", StringComparison.Ordinal)..];
        commands = commands[..(commands.IndexOf("```\n", 6, StringComparison.Ordinal) + 4)];
        Assert.Contains(commands, readme);
    }
}
