namespace GitOps.NodeEmulator.Tests;

/// <summary>The emulator scenario (see NodeScenario) for each lab; root and the Debian packages of test.sh.</summary>
[Trait("Category", "Namespace")]
public sealed class NodeScenarioTests
{
    [Fact]
    public void HomeLab_NodeAgentPodsInstallServeAndSurviveADaemonKill()
    {
        Emulator.RequirePrerequisites();
        new NodeScenario(Labs.HomeLab()).Run();
    }

    [Fact]
    public void SecondLab_OtherBridgeCustomSocketTwoAttachments()
    {
        Emulator.RequirePrerequisites();
        new NodeScenario(Labs.SecondLab()).Run();
    }
}
