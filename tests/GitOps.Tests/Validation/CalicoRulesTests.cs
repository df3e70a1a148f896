using GitOps.Diagnostics;
using GitOps.Validation;
using Xunit;

namespace GitOps.Tests.Validation;

/// <summary>The semantic rule for Calico autodetection: canReach needs an IP address or host name.</summary>
public sealed class CalicoRulesTests
{
    private static string Installation(string family, string method) => $"""
        apiVersion: operator.tigera.io/v1
        kind: Installation
        metadata:
          name: default
        spec:
          calicoNetwork:
            {family}:
              {method}
        """;

    [Theory]
    [InlineData("192.168.3.1")]
    [InlineData("gateway.lan")]
    [InlineData("router")]
    [InlineData("fd00::1")]
    public void CanReach_an_address_or_host_name_is_accepted(string target)
    {
        Assert.Empty(ValidationHarness.ValidateYaml("i.yaml", Installation("nodeAddressAutodetectionV4", $"canReach: {target}")));
    }

    [Theory]
    [InlineData("nodeAddressAutodetectionV4", "eth1")]
    [InlineData("nodeAddressAutodetectionV4", "enp0s3")]
    [InlineData("nodeAddressAutodetectionV4", "eth1.20")]
    [InlineData("nodeAddressAutodetectionV6", "ens18")]
    public void CanReach_an_interface_name_is_rejected_with_the_interface_fix(string family, string target)
    {
        var error = ValidationHarness.OneProblem("i.yaml", Installation(family, $"canReach: {target}"), DiagnosticCodes.CalicoCanReachNotAddress, $"i.yaml#/spec/calicoNetwork/{family}/canReach");
        Assert.Contains($"interface: ^{target.Replace(".", "\\.")}$", error.Message);
    }

    [Fact]
    public void CanReach_that_is_neither_is_rejected()
    {
        var error = Assert.Single(ValidationHarness.ValidateYaml("i.yaml", Installation("nodeAddressAutodetectionV4", "canReach: 'not a host'")));

        Assert.Equal(DiagnosticCodes.CalicoCanReachNotAddress, error.Code);
        Assert.Contains("give an IP address or host name", error.Message);
    }

    /// <summary>tigera/operator pkg/controller/installation/validation.go, validateNodeAddressDetection: one method per family.</summary>
    [Theory]
    [InlineData("nodeAddressAutodetectionV4", "firstFound: true\n      kubernetes: NodeInternalIP", "firstFound, kubernetes")]
    [InlineData("nodeAddressAutodetectionV6", "interface: ^eth1$\n      cidrs: [fd00:3::/64]", "interface, cidrs")]
    [InlineData("nodeAddressAutodetectionV4", "canReach: 192.168.3.1\n      skipInterface: ^cni.*", "skipInterface, canReach")]
    public void Two_autodetection_methods_in_one_family_are_GITOPS321(string family, string methods, string named)
    {
        var error = Assert.Single(ValidationHarness.ValidateYaml("i.yaml", Installation(family, methods)));

        Assert.Equal(DiagnosticCodes.CalicoAutodetectionMethodsConflict, error.Code);
        Assert.Equal($"i.yaml#/spec/calicoNetwork/{family}", error.Path);
        Assert.Contains($"({named})", error.Message);
        Assert.Contains("keep one of", error.Message);
    }

    [Fact]
    public void FirstFound_false_beside_another_method_is_one_method_as_the_operator_counts()
    {
        Assert.Empty(ValidationHarness.ValidateYaml("i.yaml", Installation("nodeAddressAutodetectionV4", "firstFound: false\n      cidrs: [192.168.3.0/24]")));
    }

    [Fact]
    public void The_interface_method_is_not_affected()
    {
        Assert.Empty(ValidationHarness.ValidateYaml("i.yaml", Installation("nodeAddressAutodetectionV4", "interface: ^eth1$")));
        Assert.False(CalicoRules.IsAddressOrHostName("eth0"));
        Assert.True(CalicoRules.IsAddressOrHostName("eth0.example.org"));
    }
}
