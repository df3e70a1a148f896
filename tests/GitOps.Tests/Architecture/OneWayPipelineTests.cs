using System.Reflection;
using System.Runtime.CompilerServices;
using GitOps.Calico;
using GitOps.Output;
using GitOps.Validation;
using Xunit;

namespace GitOps.Tests.Architecture;

/// <summary>
/// The pipeline runs one way (issue 19, "typed until render"), read from the compiled GitOps.dll's IL
/// (<see cref="NamespaceGraph.BodyReferences"/>): the Installation is built once, by the emitter that emits it; nothing in
/// the library parses YAML back (embedded objects stay typed, the validator walks them); only the output namespace writes
/// YAML text and only <see cref="ObjectJsonDocuments"/> serializes an object (once, for the writer and the validator
/// both); a text file document holds no model and calls no emitter. A call that brings back a re-parse or a second emit
/// fails here, naming the method that makes it.
/// </summary>
public sealed class OneWayPipelineTests
{
    private static readonly Assembly Library = typeof(LabGenerator).Assembly;

    /// <summary>
    /// Documents that still hold the lab model and render by calling back into their emitter: known debt, a list that can
    /// only shrink (the same shape as <see cref="NamespaceLayeringTests"/>'s). Empty since NetworkPicture became typed.
    /// </summary>
    private static readonly string[] DocumentsHoldingTheModel = [];

    [Fact]
    public void The_installation_is_built_only_by_the_emitter_that_emits_it()
    {
        var build = typeof(CalicoEmitter).GetMethod(nameof(CalicoEmitter.Build))!;
        Assert.Equal(["GitOps.Calico.CalicoEmitter.Emit"], Callers(m => Same(m, build)));
    }

    [Fact]
    public void Nothing_in_the_library_parses_yaml_back()
    {
        // YamlText (go-yaml's rules) and YamlDotNet's readers: only the tests read emitted YAML. The lab author's own
        // YAML files (.YamlFile) are input, read in the model with KubernetesClient's KubernetesYaml, not output read back;
        // the assembler's scan of such a file for empty documents (which KubernetesYaml cannot take) and the scan that names
        // the document KubernetesYaml could not type are the parsers there.
        var readers = Callers(m => m.DeclaringType == typeof(YamlText) || m.DeclaringType?.Namespace == "YamlDotNet.RepresentationModel"
            || m.DeclaringType?.Name is "Parser" or "Deserializer" or "DeserializerBuilder");
        Assert.DoesNotContain(readers, c => !c.StartsWith(typeof(YamlText).FullName + ".", StringComparison.Ordinal)
            && c != "GitOps.Topology.LabAssembler.WithoutEmptyDocuments" && !c.StartsWith("GitOps.Topology.YamlDocumentHeads.", StringComparison.Ordinal)
            && !c.StartsWith("GitOps.Topology.YamlErrorLines.", StringComparison.Ordinal));
    }

    [Fact]
    public void Only_the_output_namespace_writes_yaml_text()
    {
        // Render(set)/Render(file) give whole files to the generator and the CLI; the pieces of text are Output's own.
        var pieces = typeof(YamlRenderer).GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Where(m => m.Name is nameof(YamlRenderer.RenderObjects) or nameof(YamlRenderer.RenderObject) or nameof(YamlRenderer.RenderNode) or nameof(YamlRenderer.RenderEmbedded))
            .ToArray();
        Assert.Equal(4, pieces.Select(m => m.Name).Distinct().Count());
        Assert.DoesNotContain(Callers(m => pieces.Any(p => Same(m, p))), c => !c.StartsWith("GitOps.Output.", StringComparison.Ordinal));
    }

    [Fact]
    public void Objects_are_serialized_only_by_the_documents_the_writer_and_the_validator_share()
    {
        var serialize = typeof(KubernetesObjectJson).GetMethod(nameof(KubernetesObjectJson.SerializeToDocument))!;
        // Of: the objects read by reference (embedded children, tests); Compact, for ReplaceObjectsWithJson: the generator's
        // set, whose typed objects it replaces by their JSON (each serialized once either way).
        Assert.Equal([typeof(ObjectJsonDocuments).FullName + ".Compact", typeof(ObjectJsonDocuments).FullName + ".Of"],
            Callers(m => Same(m, serialize)));
    }

    [Fact]
    public void Text_file_documents_hold_no_model_and_call_no_emitter_beyond_the_listed_debt()
    {
        var documents = Library.GetTypes().Where(t => typeof(ITextFileDocument).IsAssignableFrom(t) && !t.IsInterface).ToArray();
        Assert.Contains(documents, t => t.Name == "FrrConfig");
        Assert.Contains(documents, t => t.Name == "NetworkPicture");
        var holding = documents.Where(t => HoldsModel(t, []) || RenderCallsAnEmitter(t)).Select(t => t.FullName!).Order(StringComparer.Ordinal).ToArray();
        Assert.True(holding.Except(DocumentsHoldingTheModel).ToArray() is [], "documents that hold the model or call an emitter to render: " + string.Join(", ", holding.Except(DocumentsHoldingTheModel)));
        Assert.True(DocumentsHoldingTheModel.Except(holding).ToArray() is [], "listed documents that no longer do (delete them from the list): " + string.Join(", ", DocumentsHoldingTheModel.Except(holding)));
    }

    /// <summary>Whether a document type, or a record of the library it holds (transitively), has a property of a model type (GitOps.Topology).</summary>
    private static bool HoldsModel(Type type, HashSet<Type> seen)
    {
        if (!seen.Add(type))
        {
            return false;
        }

        foreach (var held in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.PropertyType).SelectMany(Flatten))
        {
            if (held.Namespace == "GitOps.Topology" || (held.Assembly == Library && !held.IsEnum && HoldsModel(held, seen)))
            {
                return true;
            }
        }

        return false;

        static IEnumerable<Type> Flatten(Type t) => t.IsGenericType ? [t, .. t.GetGenericArguments().SelectMany(Flatten)] : t.HasElementType ? Flatten(t.GetElementType()!) : [t];
    }

    /// <summary>Whether the document's WriteText, or the renderer methods it calls in the library (transitively), names a type called *Emitter.</summary>
    private static bool RenderCallsAnEmitter(Type document)
    {
        var seen = new HashSet<MethodBase>();
        var queue = new Queue<MethodBase>([document.GetMethod(nameof(ITextFileDocument.WriteText))!]);
        while (queue.TryDequeue(out var method))
        {
            if (!seen.Add(method))
            {
                continue;
            }

            foreach (var member in NamespaceGraph.BodyReferences(method))
            {
                if ((member as Type ?? member.DeclaringType)?.Name.EndsWith("Emitter", StringComparison.Ordinal) == true)
                {
                    return true;
                }

                if (member is MethodBase called && called.DeclaringType?.Assembly == Library)
                {
                    queue.Enqueue(called);
                }
            }
        }

        return false;
    }

    /// <summary>One method, however reflection reached it (a token resolved from IL or a GetMethod).</summary>
    private static bool Same(MethodBase a, MethodBase b) => a.Module == b.Module && a.MetadataToken == b.MetadataToken;

    /// <summary>
    /// Every method of GitOps.dll whose IL names a method matching <paramref name="target"/>, as <c>Namespace.Type.Method</c>;
    /// a compiler-generated iterator, closure or lambda counts as the method it was written in.
    /// </summary>
    internal static IReadOnlyList<string> Callers(Func<MethodBase, bool> target) =>
        [.. Library.GetTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Cast<MethodBase>().Concat(type.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
                .Where(method => NamespaceGraph.BodyReferences(method).OfType<MethodBase>().Any(target))
                .Select(method => SourceName(type, method)))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];

    private static string SourceName(Type type, MethodBase method)
    {
        var name = method.Name;
        while (type.IsNested && type.IsDefined(typeof(CompilerGeneratedAttribute)))
        {
            name = Written(type.Name) ?? name; // <Emit>d__1 (an iterator), <>c__DisplayClass3_0 (a closure: keep the lambda's name)
            type = type.DeclaringType!;
        }

        return $"{type.FullName}.{Written(name) ?? name}"; // <Emit>b__1_0 (a lambda)
    }

    /// <summary>"Emit" for "&lt;Emit&gt;d__1" or "&lt;Emit&gt;b__1_0"; null when the name has none ("&lt;&gt;c").</summary>
    private static string? Written(string generated) =>
        generated.StartsWith('<') && generated.IndexOf('>') is > 1 and var end ? generated[1..end] : null;
}
