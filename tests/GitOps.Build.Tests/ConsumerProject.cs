namespace GitOps.Build.Tests;

/// <summary>
/// A lab project as a user in another repository has it: a <c>nuget.config</c> that adds the local feed of the packed
/// packages (the machine's default source stays, for the libraries' own dependencies), a <c>Lab.csproj</c> that
/// references both packages by version, and a <c>Program.cs</c> that calls <c>GitOpsCli.Run(args, MyLab.Build)</c>.
/// The caller writes <c>MyLab</c> itself.
/// </summary>
internal static class ConsumerProject
{
    public static void Create(string folder, string feedFolder, string version)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="lab-network-gitops-e2e" value="{feedFolder}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(folder, "Lab.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="LabNetwork.GitOps" Version="{version}" />
                <PackageReference Include="LabNetwork.GitOps.Build" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(folder, "Program.cs"), "return GitOps.GitOpsCli.Run(args, MyLab.Build);\n");
    }
}
