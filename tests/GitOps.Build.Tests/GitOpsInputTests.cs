namespace GitOps.Build.Tests;

/// <summary>
/// A file the lab reads when it runs (a workload's <c>.YamlFile(...)</c>) is an input of the generator once listed as
/// <c>&lt;GitOpsInput Include="..." /&gt;</c>: MSBuild then reruns it when only that file changed. Read from the
/// package's own targets, evaluated by a real <c>dotnet msbuild</c>.
/// </summary>
public sealed class GitOpsInputTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void A_GitOpsInput_item_is_one_of_the_generators_inputs()
    {
        var targets = Path.Combine(RepositoryPaths.Root, "src", "GitOps.Build", "build", "LabNetwork.GitOps.Build.targets");
        File.WriteAllText(temp.Combine("homeassistant.yaml"), "apiVersion: v1\n");
        File.WriteAllText(temp.Combine("lab.proj"), $"""
            <Project>
              <PropertyGroup>
                <GitOpsOutputDirectory>manifests</GitOpsOutputDirectory>
                <IntermediateOutputPath>obj/</IntermediateOutputPath>
                <GitOpsTaskAssembly>unused.dll</GitOpsTaskAssembly>
              </PropertyGroup>
              <ItemGroup>
                <GitOpsInput Include="homeassistant.yaml" />
              </ItemGroup>
              <Import Project="{targets}" />
              <Target Name="ShowInputs" DependsOnTargets="_GitOpsComputeInputs">
                <Message Importance="high" Text="input: %(_GitOpsInput.Identity)" />
              </Target>
            </Project>
            """);

        var (exit, output) = DotNetCli.Run(temp.Path, new Dictionary<string, string>(), "msbuild", "lab.proj", "-t:ShowInputs", "-nologo", "-v:m");

        Assert.True(exit == 0, output);
        Assert.Contains($"input: {temp.Combine("homeassistant.yaml")}", output, StringComparison.Ordinal);
    }
}
