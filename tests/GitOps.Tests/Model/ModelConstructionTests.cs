using System.Reflection;
using GitOps.Topology;
using Xunit;

namespace GitOps.Tests.Model;

/// <summary>
/// A <see cref="Lab"/> comes only from <c>LabBuilder.Build()</c>, which checks every rule: no model type has a
/// public constructor or a public init setter, so neither <c>new</c> nor <c>with</c> can make a lab Build() would
/// reject (e.g. <c>lab with { Multus = lab.Multus with { ConfFileName = "99-multus.conf" } }</c>) (issue 11).
/// </summary>
public sealed class ModelConstructionTests
{
    /// <summary>The model: public reference types of GitOps.Topology other than the builders and static helpers.</summary>
    public static TheoryData<string> ModelTypes()
    {
        var data = new TheoryData<string>();
        foreach (var type in ModelTypeList())
        {
            data.Add(type.FullName!);
        }

        return data;
    }

    private static IEnumerable<Type> ModelTypeList() => typeof(Lab).Assembly.GetExportedTypes()
        .Where(t => t.Namespace == typeof(Lab).Namespace && t.IsClass && !(t.IsAbstract && t.IsSealed) && !t.Name.EndsWith("Builder", StringComparison.Ordinal))
        .OrderBy(t => t.FullName, StringComparer.Ordinal);

    [Fact]
    public void The_model_types_are_found()
    {
        var names = ModelTypeList().Select(t => t.Name).ToArray();
        foreach (var expected in new[] { nameof(Lab), nameof(Network), nameof(Node), nameof(NodeInterface), nameof(Attachment), nameof(DhcpIpamOptions), nameof(CalicoSettings), nameof(MultusSettings), nameof(GitOpsSettings), nameof(Workload) })
        {
            Assert.Contains(expected, names);
        }
    }

    [Theory]
    [MemberData(nameof(ModelTypes))]
    public void A_model_type_has_no_public_constructor_and_no_public_setter(string typeName)
    {
        var type = typeof(Lab).Assembly.GetType(typeName)!;
        var constructors = type.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
            .Where(c => c.IsPublic || c.IsFamily || c.IsFamilyOrAssembly)
            // A record's copy constructor is protected in a non-sealed record; it copies a model Build() made.
            .Where(c => !(c.GetParameters() is [var p] && p.ParameterType == type))
            .Select(c => c.ToString());
        Assert.Empty(constructors);

        var setters = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { } set && (set.IsPublic || set.IsFamily || set.IsFamilyOrAssembly))
            .Select(p => p.Name);
        Assert.Empty(setters);
    }
}
