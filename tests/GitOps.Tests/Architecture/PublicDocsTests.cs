using System.Reflection;
using System.Xml.Linq;
using GitOps.Topology;
using Xunit;

namespace GitOps.Tests.Architecture;

/// <summary>
/// The XML docs a lab author reads (those of public types and members, GitOps.xml) point only at what the author can
/// see: no <c>cref</c> to an internal type or member (issue 19 made the read model internal; its defaults and rules are
/// written out in the builders' docs instead).
/// </summary>
public sealed class PublicDocsTests
{
    private static readonly Assembly Library = typeof(Lab).Assembly;

    [Fact]
    public void Public_docs_refer_to_no_internal_type_or_member()
    {
        var docs = XDocument.Load(Path.ChangeExtension(Library.Location, ".xml"));
        var members = docs.Descendants("member").ToArray();
        var problems = members
            .Where(m => IsVisible(m.Attribute("name")!.Value))
            .SelectMany(m => m.Descendants().Attributes("cref").Select(c => (Member: m.Attribute("name")!.Value, Cref: c.Value)))
            .Where(x => x.Cref.Length > 2 && x.Cref[2..].StartsWith("GitOps.", StringComparison.Ordinal) && !IsVisible(x.Cref))
            .Select(x => $"{x.Member} -> {x.Cref}")
            .ToArray();

        Assert.NotEmpty(members);
        Assert.True(problems.Length == 0, "public docs that point at internal API:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void The_check_sees_an_internal_cref()
    {
        Assert.False(IsVisible("T:GitOps.Topology.Network"));
        Assert.False(IsVisible("F:GitOps.Topology.NodeAgentSettings.DefaultPauseImage"));
        Assert.False(IsVisible("M:GitOps.LabGenerator.GenerateSet(GitOps.Topology.Lab)"));
        Assert.True(IsVisible("M:GitOps.Topology.LabBuilder.Build"));
        Assert.True(IsVisible("T:GitOps.GitOpsCli.ExitCodes"));
        Assert.True(IsVisible("F:GitOps.Diagnostics.DiagnosticCodes.ForeignReference"));
    }

    /// <summary>Whether a documentation ID (<c>T:</c>, <c>M:</c>, <c>P:</c>, <c>F:</c>, <c>E:</c>) names public API of the library.</summary>
    private static bool IsVisible(string id)
    {
        var kind = id[0];
        var name = id[2..];
        var paren = name.IndexOf('(', StringComparison.Ordinal);
        var path = paren < 0 ? name : name[..paren];
        if (kind == 'T')
        {
            return ResolveType(path) is { IsVisible: true };
        }

        var dot = path.LastIndexOf('.');
        if (ResolveType(path[..dot]) is not { IsVisible: true } type)
        {
            return false;
        }

        var member = path[(dot + 1)..].Replace('#', '.');
        var arity = member.IndexOf("``", StringComparison.Ordinal);
        member = arity < 0 ? member : member[..arity];
        const BindingFlags Visible = BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance;
        return type.GetMember(member, Visible).Length > 0;
    }

    /// <summary>The type of a documentation ID's name; nested types are separated by '.' there, by '+' in reflection.</summary>
    private static Type? ResolveType(string name)
    {
        var parts = name.Split('.');
        for (var split = parts.Length; split > 0; split--)
        {
            var candidate = string.Join('.', parts[..split]) + string.Concat(parts[split..].Select(p => "+" + p));
            if (Library.GetType(candidate) is { } type)
            {
                return type;
            }
        }

        return null;
    }
}
