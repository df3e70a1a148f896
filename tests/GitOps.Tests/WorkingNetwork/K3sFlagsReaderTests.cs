using System.Text.Json.Nodes;
using GitOps.Validation;
using Xunit;

namespace GitOps.Tests.WorkingNetwork;

/// <summary>The property test reads K3s's ranges wherever the output states them; each place it must understand.</summary>
public sealed class K3sFlagsReaderTests
{
    private static K3sFlagsReader.Flags FromYaml(string yaml) => K3sFlagsReader.Read(YamlText.Documents(yaml), []);

    [Fact]
    public void Reads_INSTALL_K3S_EXEC_flags() =>
        Assert.Equal(new K3sFlagsReader.Flags("192.168.7.0/24", "10.96.0.0/12"), FromYaml("""
            spec:
              agentEnvVars:
              - name: INSTALL_K3S_EXEC
                value: --flannel-backend=none --cluster-cidr 192.168.7.0/24 --service-cidr=10.96.0.0/12
            """));

    [Fact]
    public void Reads_machineGlobalConfig() =>
        Assert.Equal(new K3sFlagsReader.Flags("10.244.0.0/16", "10.43.0.0/16"), FromYaml("""
            spec:
              rkeConfig:
                machineGlobalConfig:
                  cluster-cidr: 10.244.0.0/16
                  flannel-backend: none
            """));

    [Fact]
    public void Reads_a_k3s_config_file_and_falls_back_to_the_defaults() =>
        Assert.Equal(new K3sFlagsReader.Flags("10.42.0.0/16", "172.20.0.0/16"),
            K3sFlagsReader.Read(Array.Empty<JsonNode>(), ["flannel-backend: none\nservice-cidr: \"172.20.0.0/16\"\n"]));
}
