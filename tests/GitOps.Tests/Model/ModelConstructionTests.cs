using System.Reflection;
using GitOps.Diagnostics;
using GitOps.Topology;
using Xunit;

namespace GitOps.Tests.Model;

/// <summary>
/// A <see cref="Lab"/> comes only from <c>LabBuilder.Build()</c>, which checks every rule, and shows a lab author nothing
/// but itself (issue 11, issue 19): the read model (<see cref="Network"/>, <see cref="Node"/>, <see cref="Attachment"/>,
/// the settings and IPAM records) is internal, <see cref="Lab"/> is an opaque sealed class, and no public type of the
/// library can be made with <c>new</c> or changed with <c>with</c> unless it is a plain value a caller may make
/// (<see cref="Diagnostic"/>, <see cref="GeneratedFile"/>, <see cref="CalicoVersion"/>).
/// </summary>
public sealed class ModelConstructionTests
{
    /// <summary>The public reference types of GitOps.Topology other than the builders and static helpers.</summary>
    public static TheoryData<string> PublicModelTypes()
    {
        var data = new TheoryData<string>();
        foreach (var type in PublicModelTypeList())
        {
            data.Add(type.FullName!);
        }

        return data;
    }

    private static IEnumerable<Type> PublicModelTypeList() => typeof(Lab).Assembly.GetExportedTypes()
        .Where(t => t.Namespace == typeof(Lab).Namespace && t.IsClass && !(t.IsAbstract && t.IsSealed) && !t.Name.EndsWith("Builder", StringComparison.Ordinal))
        .OrderBy(t => t.FullName, StringComparer.Ordinal);

    [Fact]
    public void Of_the_model_only_the_lab_and_the_typed_handles_are_public() =>
        Assert.Equal([nameof(AttachmentReference), nameof(Lab), nameof(NetworkReference)], PublicModelTypeList().Select(t => t.Name));

    [Fact]
    public void The_read_model_is_internal()
    {
        Type[] readModel =
        [
            typeof(Network), typeof(Node), typeof(NodeInterface), typeof(HyperVVm), typeof(Attachment), typeof(AttachmentIpam),
            typeof(DhcpIpamOptions), typeof(StaticIpamOptions), typeof(HostLocalIpamOptions), typeof(WhereaboutsIpamOptions),
            typeof(PodAddressIpamOptions), typeof(RouteFixOptions), typeof(ExtraRoute), typeof(MacvlanOptions), typeof(IpvlanOptions),
            typeof(ClusterSettings), typeof(CalicoSettings), typeof(IPPool), typeof(BgpPeering), typeof(BgpRouter), typeof(MultusSettings),
            typeof(NodeAgentSettings), typeof(GitOpsSettings), typeof(GitRepositorySettings), typeof(FleetSettings), typeof(FluxSettings),
            typeof(RancherClusterSettings), typeof(TigeraOperatorChart), typeof(Workload), typeof(NetworkSelection), typeof(SourceLocation),
        ];

        Assert.Empty(readModel.Where(t => t.IsVisible).Select(t => t.Name));
    }

    [Fact]
    public void A_lab_is_an_opaque_sealed_class_compared_by_reference()
    {
        var type = typeof(Lab);

        Assert.True(type.IsSealed);
        Assert.Null(type.GetMethod("<Clone>$"));
        Assert.Empty(type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name));
        Assert.Empty(type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Select(m => m.Name));
        Assert.NotEqual(BlogLab.Build(), BlogLab.Build());
    }

    [Theory]
    [MemberData(nameof(PublicModelTypes))]
    public void A_public_model_type_has_no_public_constructor_and_no_public_setter(string typeName)
    {
        var type = typeof(Lab).Assembly.GetType(typeName)!;
        var constructors = type.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
            .Where(c => c.IsPublic || c.IsFamily || c.IsFamilyOrAssembly)
            .Select(c => c.ToString());
        Assert.Empty(constructors);

        var setters = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { } set && (set.IsPublic || set.IsFamily || set.IsFamilyOrAssembly))
            .Select(p => p.Name);
        Assert.Empty(setters);
    }

    [Fact]
    public void The_only_public_record_with_a_public_clone_is_the_diagnostic_whose_with_a_caller_may_use()
    {
        // <Clone>$ is what `with` calls; on a record whose init setters are not public it is surface no caller can use.
        var cloneable = typeof(Lab).Assembly.GetExportedTypes()
            .Where(t => t.GetMethod("<Clone>$", BindingFlags.Public | BindingFlags.Instance) is not null)
            .Select(t => t.FullName);
        Assert.Equal([typeof(Diagnostic).FullName], cloneable);

        var initSetters = typeof(Diagnostic).GetProperties().Select(p => p.SetMethod).ToArray();
        Assert.All(initSetters, set => Assert.True(set is { IsPublic: true }));
    }
}
