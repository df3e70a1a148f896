using System.Reflection;
using GitOps.Topology;
using Xunit;

namespace GitOps.Tests.Architecture;

/// <summary>
/// The model rules' shape (issue 19), read from the compiled GitOps.dll: every <see cref="ILabRule"/> class is in the
/// one list <see cref="LabRules.All"/> (a rule left out of it would never run), and no rule reads a builder: a rule
/// sees the built <see cref="Lab"/> and the <see cref="SourceMap"/> only (signatures and IL, <see cref="NamespaceGraph.TypesUsedBy"/>).
/// </summary>
public sealed class LabRuleListTests
{
    private static readonly Type[] RuleTypes = typeof(ILabRule).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ILabRule).IsAssignableFrom(t))
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .ToArray();

    [Fact]
    public void Every_rule_class_is_listed_once_in_LabRules_All()
    {
        var listed = LabRules.All.Select(r => r.GetType()).ToArray();
        Assert.NotEmpty(RuleTypes);
        Assert.Equal(RuleTypes.Select(t => t.Name), listed.Select(t => t.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void No_rule_uses_a_builder()
    {
        var builders = typeof(LabBuilder).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(LabBuilder).Namespace && t.Name.EndsWith("Builder", StringComparison.Ordinal))
            .ToHashSet();
        Assert.Contains(typeof(AttachmentBuilder), builders);
        IEnumerable<Type> BuildersUsedBy(Type type) => WithNested(type).SelectMany(NamespaceGraph.TypesUsedBy).SelectMany(Flatten).Where(builders.Contains);

        // The scan sees a builder where one is read: the assembler reads them all, in bodies and closures.
        Assert.Contains(typeof(AttachmentBuilder), BuildersUsedBy(typeof(LabAssembler)));
        var uses = RuleTypes
            .SelectMany(rule => BuildersUsedBy(rule).Select(b => $"{rule.Name} uses {b.Name}"))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        Assert.True(uses.Length == 0, "rules read the model and the SourceMap, never a builder (record what the rule needs in the SourceMap while LabAssembler reads the builders): " + string.Join(", ", uses));
    }

    /// <summary>The type and its nested types: the compiler puts a rule's iterator and lambdas in nested classes.</summary>
    private static IEnumerable<Type> WithNested(Type type) =>
        type.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic).SelectMany(WithNested).Prepend(type);

    /// <summary>The type, its element type and its generic arguments (a <c>List&lt;AttachmentBuilder&gt;</c> uses the builder).</summary>
    private static IEnumerable<Type> Flatten(Type? type) =>
        type is null || type.IsGenericParameter ? []
        : type.HasElementType ? Flatten(type.GetElementType())
        : type.IsGenericType ? type.GetGenericArguments().SelectMany(Flatten).Prepend(type.GetGenericTypeDefinition())
        : [type];
}
