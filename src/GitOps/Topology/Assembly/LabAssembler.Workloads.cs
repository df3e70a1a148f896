using System.Runtime.CompilerServices;
using GitOps.Kubernetes;
using GitOps.Networks;
using k8s;
using k8s.Models;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Topology;

/// <summary>Reading the workloads: names, the pod owner and its companions (simple form, typed objects, YAML), attachments joined, ports.</summary>
internal sealed partial class LabAssembler
{
    /// <remarks>
    /// Reports GITOPS112 (DuplicateName), GITOPS113 (MissingElement), GITOPS111 (UnknownReference), GITOPS121 (InvalidValue),
    /// GITOPS118 (InvalidImage), GITOPS170–175 (the workload's objects).
    /// </remarks>
    private List<Workload> BuildWorkloads(List<Attachment> attachments)
    {
        var result = new List<Workload>();
        var seen = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (var w in _lab.Workloads)
        {
            var path = $"lab/workloads/{w.QualifiedName}";
            if (!TrySplitQualified(w.QualifiedName, path, w.Source, "smarthome/homeassistant", out var ns, out var name))
            {
                continue;
            }

            if (!seen.TryAdd(w.QualifiedName, w.Source))
            {
                _errors.Add(DuplicateName, path, $"the workload '{w.QualifiedName}' is declared twice{seen[w.QualifiedName].FirstDeclared}; workload names are unique per namespace.", w.Source);
                continue;
            }

            var (owners, companions, rejected) = WorkloadObjects(w, path);
            var joined = JoinedAttachments(w, path, attachments);
            foreach (var (port, at) in w.Ports)
            {
                if (port.Port is < 1 or > 65535)
                {
                    _errors.Add(InvalidValue, $"{path}/ports/{port.Name}", $"port {port.Port} is out of range; use 1 to 65535.", at);
                }
            }

            if (w.ImageRef is { } image)
            {
                if (owners.Count > 0)
                {
                    _errors.Add(WorkloadDefinedTwice, $"{path}/image", $"the workload has both .Image(\"{image.Value}\") (the simple form, which builds a Deployment) and a {owners[0].Value.Kind} object; set the image in the object's container and remove .Image/.Port.", image.Source);
                    continue;
                }

                CheckImage(image, $"{path}/image");
                owners.Add(new(SimpleDeployment.Build(name, ns, image.Value, w.Ports.Select(p => p.Value)), image.Source));
            }
            else if (owners.Count > 0 && w.Ports.Count > 0)
            {
                _errors.Add(WorkloadDefinedTwice, $"{path}/ports/{w.Ports[0].Value.Name}", $".Port(...) belongs to the simple form (.Image); the {owners[0].Value.Kind} object declares its ports in its container (ports: [{{name: {w.Ports[0].Value.Name}, containerPort: {w.Ports[0].Value.Port}}}]).", w.Ports[0].Source);
                continue;
            }

            if (owners.Count == 0)
            {
                if (rejected)
                {
                    // GITOPS170/171/175 already name the object or file.
                }
                else if (companions.Count > 0 || w.YamlFiles.Count > 0)
                {
                    var kinds = companions.Count == 0 ? "none" : string.Join(", ", companions.Select(c => c.Value.Kind).Distinct(StringComparer.Ordinal));
                    _errors.Add(WorkloadWithoutPodTemplate, $"{path}/objects", $"the workload's objects hold no Deployment, StatefulSet or DaemonSet (kinds given: {kinds}), so there is no pod template to add the attachments to; add one (.Deployment(...), or in the YAML file) or .Image(...).", w.YamlFiles.Count > 0 ? w.YamlFiles[0].Source : companions[0].Source);
                }
                else
                {
                    _errors.Add(MissingElement, $"{path}/image", "the workload has no pods; add .Image(\"ghcr.io/home-assistant/home-assistant:2025.11\") or a .Deployment(...)/.StatefulSet(...)/.DaemonSet(...).", w.Source);
                }

                continue;
            }

            if (owners.Count > 1)
            {
                _errors.Add(WorkloadDefinedTwice, $"{path}/object", $"the workload has two pod owners ({owners[0].Value.Kind} and {owners[1].Value.Kind} '{owners[1].Value.Metadata?.Name}'); one .Workload(...) holds one Deployment, StatefulSet or DaemonSet: declare the second with its own .Workload(\"namespace/name\", ...).", owners[1].Source);
                continue;
            }

            var owner = owners[0];
            CheckPodOwner(owner, path, ns, name, joined.Count > 0, ownTemplate: w.ImageRef is null);
            foreach (var companion in companions)
            {
                FillNamespace(companion, ObjectPath(path, companion.Value), ns, name);
            }

            result.Add(new Workload(name, ns, ReadOnly.Copy(joined), owner.Value, ReadOnly.Copy(companions.Select(c => c.Value)), w.Source)
            {
                Selections = ReadOnly.Copy(BuildSelections(w, path, attachments)),
                PodOwnerSource = owner.Source.Or(w.Source),
                CompanionSources = ReadOnly.Copy(companions.Select(c => c.Source.Or(w.Source))),
            });
        }

        return result;
    }

    private List<Attachment> JoinedAttachments(WorkloadBuilder w, string path, List<Attachment> attachments)
    {
        var joined = new List<Attachment>();
        for (var i = 0; i < w.Attachments.Count; i++)
        {
            var reference = w.Attachments[i];
            var declaration = $".Attachment(\"{reference.Value}\", ..., out var attachment)";
            if (!IsOwnHandle(w.AttachmentIssuers[i], "attachment", reference.Value, declaration, $"{path}/attachments", reference.Source))
            {
                continue;
            }

            var target = attachments.FirstOrDefault(a => a.QualifiedName == reference.Value);
            if (target is null)
            {
                if (_lab.Attachments.All(a => a.QualifiedName != reference.Value))
                {
                    var known = attachments.Count == 0 ? "none" : string.Join(", ", attachments.Select(a => a.QualifiedName).Order(StringComparer.Ordinal));
                    _errors.Add(UnknownReference, $"{path}/attachments", $"there is no attachment '{reference.Value}' (declared: {known}); " +
                        NameSuggestion.Fix(reference.Value, _lab.Attachments.Select(a => a.QualifiedName), "use the namespace/name of a declared attachment."), reference.Source);
                }

                continue;
            }

            _sources.Add($"{path}/attachments/{joined.Count}", reference.Source);
            joined.Add(target);
        }

        return joined;
    }

    /// <summary>
    /// Copies of the typed pod owners and companions, then the YAML files' objects sorted into the two. Rejected is true
    /// when a YAML file could not be read (GITOPS175) or an object was refused (GITOPS170/171), so a missing pod owner
    /// is not reported on top.
    /// </summary>
    private (List<Located<IKubernetesObject<V1ObjectMeta>>> Owners, List<Located<IKubernetesObject<V1ObjectMeta>>> Companions, bool Rejected) WorkloadObjects(WorkloadBuilder w, string path)
    {
        var owners = w.PodOwners.Select(o => new Located<IKubernetesObject<V1ObjectMeta>>(KubernetesObjects.Copy(o.Value), o.Source)).ToList();
        var companions = new List<Located<IKubernetesObject<V1ObjectMeta>>>();
        var rejected = false;
        foreach (var item in w.Companions.Select(c => new Located<IKubernetesObject<V1ObjectMeta>>(KubernetesObjects.Copy(c.Value), c.Source)))
        {
            if (KubernetesObjects.IsPodOwner(item.Value))
            {
                _errors.Add(WorkloadDefinedTwice, ObjectPath(path, item.Value), $"a {item.Value.Kind} given with .Object(...) would be a second set of pods; pass it to .{item.Value.Kind}(...) instead, or declare it with its own .Workload(\"namespace/name\", ...).", item.Source);
                rejected = true;
            }
            else if (RunsPodsOtherwise(item, path))
            {
                rejected = true;
            }
            else
            {
                companions.Add(item);
            }
        }

        foreach (var file in w.YamlFiles)
        {
            var objects = ReadYaml(file, path);
            rejected |= objects is null;
            foreach (var item in objects ?? [])
            {
                if (KubernetesObjects.IsPodOwner(item.Value))
                {
                    owners.Add(item);
                }
                else if (RunsPodsOtherwise(item, path))
                {
                    rejected = true;
                }
                else
                {
                    companions.Add(item);
                }
            }
        }

        return (owners, companions, rejected);
    }

    private bool RunsPodsOtherwise(Located<IKubernetesObject<V1ObjectMeta>> item, string path)
    {
        if (!KubernetesObjects.RunsPodsOtherwise(item.Value))
        {
            return false;
        }

        _errors.Add(WorkloadWithoutPodTemplate, ObjectPath(path, item.Value), $"a {item.Value.Kind} runs pods whose template the library does not edit, so its pods would not join the attachments; use a Deployment, StatefulSet or DaemonSet instead, as the workload's one pod owner (.Deployment(...), or in the YAML file) or, when it has one already, in its own .Workload(\"namespace/name\", ...); Jobs and bare Pods cannot be attached here.", item.Source);
        return true;
    }

    /// <summary>
    /// The text with each empty or null document commented out (each line of its directives, <c>---</c> and null word
    /// becomes a <c>#</c> and spaces; line breaks stay, so every later line and column is where it was), so the documents
    /// are read as kubectl reads them: it skips a document that is empty or null (k8s.io/cli-runtime
    /// pkg/resource/visitor.go, StreamVisitor.Visit: <c>len(ext.Raw) == 0 || bytes.Equal(ext.Raw, []byte("null"))</c> →
    /// continue), and KubernetesYaml cannot take one. A comment, not blank space: a line of spaces after a <c>|+</c> block
    /// scalar would become part of its value. YamlDotNet's parser gives such a document one plain scalar, untagged and
    /// without an anchor: empty (its marks are those of the next token, so only the document's start is commented out),
    /// or one of YAML's null words.
    /// </summary>
    private static string WithoutEmptyDocuments(string text)
    {
        char[]? commented = WithoutLeadingDocumentEnds(text);
        var parser = new YamlDotNet.Core.Parser(new StringReader(commented is null ? text : new string(commented)));
        YamlDotNet.Core.Events.DocumentStart? start = null;
        var nodes = 0;
        YamlDotNet.Core.Events.Scalar? only = null;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case YamlDotNet.Core.Events.DocumentStart documentStart:
                    (start, nodes, only) = (documentStart, 0, null);
                    break;
                case YamlDotNet.Core.Events.DocumentEnd when start is not null:
                    if (nodes == 1 && only is { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: "" or "~" or "null" or "Null" or "NULL" }
                        && only.Tag.IsEmpty && only.Anchor.IsEmpty)
                    {
                        commented ??= text.ToCharArray();
                        var end = only.Value.Length == 0 ? start.End.Index : only.End.Index;
                        for (var i = (int)start.Start.Index; i < end; i++)
                        {
                            // A document's directives and '---' start at column 0, so each of its lines becomes a comment.
                            if (commented[i] is not ('\n' or '\r'))
                            {
                                commented[i] = i == 0 || commented[i - 1] == '\n' ? '#' : ' ';
                            }
                        }
                    }

                    start = null;
                    break;
                case YamlDotNet.Core.Events.NodeEvent node when start is not null:
                    nodes++;
                    only = node as YamlDotNet.Core.Events.Scalar;
                    break;
            }
        }

        return commented is null ? text : new string(commented);
    }

    /// <summary>
    /// The text with each document end marker (<c>...</c>) that comes before the first document commented out, as
    /// <see cref="WithoutEmptyDocuments"/> does (line breaks stay), or null when there is none. YAML allows one there
    /// (YAML 1.2.2 §9.2, production [211] <c>l-yaml-stream</c>: a <c>l-document-suffix</c> may follow an absent
    /// document), and kubectl takes it (the document it ends holds at most comments: null, skipped as above), but
    /// YamlDotNet's parser throws "The scanner should contain no more tokens" with no line. Only blank lines, comments
    /// and such markers can come before it: the first other line starts the first document.
    /// </summary>
    private static char[]? WithoutLeadingDocumentEnds(string text)
    {
        char[]? commented = null;
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            end = end < 0 ? text.Length : end + 1;
            var line = text.AsSpan(start, end - start).TrimEnd("\r\n");
            var content = line.TrimStart(' ');
            if (line.StartsWith("...") && (line.Length == 3 || line[3] is ' ' or '\t'))
            {
                commented ??= text.ToCharArray();
                commented[start] = '#';
                commented.AsSpan(start + 1, 2).Fill(' ');
            }
            else if (!content.IsEmpty && content[0] != '#')
            {
                break;
            }

            start = end;
        }

        return commented;
    }

    /// <summary>
    /// Where YamlDotNet's scanner failed with the InvalidOperationException whose message names no position: the line of
    /// the innermost <c>[</c> or <c>{</c> still open (the usual cause: the scanner reads on to the end of the stream), or
    /// else the line the scanner stood on.
    /// </summary>
    private static string ScannerFailure(string text)
    {
        var scanner = new YamlDotNet.Core.Scanner(new StringReader(text));
        var open = new Stack<YamlDotNet.Core.Tokens.Token>();
        try
        {
            while (scanner.MoveNext())
            {
                switch (scanner.Current)
                {
                    case YamlDotNet.Core.Tokens.FlowSequenceStart or YamlDotNet.Core.Tokens.FlowMappingStart:
                        open.Push(scanner.Current);
                        break;
                    case YamlDotNet.Core.Tokens.FlowSequenceEnd or YamlDotNet.Core.Tokens.FlowMappingEnd when open.Count > 0:
                        open.Pop();
                        break;
                }
            }
        }
        catch (Exception e) when (e is InvalidOperationException or YamlDotNet.Core.YamlException)
        {
            if (open.TryPeek(out var token))
            {
                return $"the {(token is YamlDotNet.Core.Tokens.FlowSequenceStart ? "[" : "{")} at line {token.Start.Line}, column {token.Start.Column} is never closed";
            }

            return $"near line {scanner.CurrentPosition.Line}";
        }

        return "the scanner failed";
    }

    /// <summary>A library's exception message as a clause of ours: without its closing period (no ".;" in a diagnostic).</summary>
    private static string Clause(string message) => message.TrimEnd().TrimEnd('.');

    private static string ObjectPath(string path, IKubernetesObject<V1ObjectMeta> obj) => $"{path}/objects/{obj.Kind}/{obj.Metadata?.Name}";

    /// <summary>The objects of one YAML file, read strictly with KubernetesClient's KubernetesYaml (GITOPS175 when it cannot).</summary>
    private List<Located<IKubernetesObject<V1ObjectMeta>>>? ReadYaml(Located<string> file, string path)
    {
        if (!RuntimeFeature.IsDynamicCodeSupported)
        {
            // NativeAOT, or a JIT run of a project with PublishAot (the SDK writes the same switch, false, into its
            // runtimeconfig.json, so `dotnet build` reports this before a publish does): KubernetesYaml's YamlDotNet
            // (de)serializers are built by reflection and fail at run time with an exception that names no line of the lab (KubernetesYaml's static constructor: InvalidOperationException
            // "There is no metadata token available for the given member", GITOPS220; docs/performance.md, "NativeAOT").
            _errors.Add(WorkloadYamlUnreadable, $"{path}/yaml", $"'{file.Value}' cannot be read in a NativeAOT lab (PublishAot): KubernetesClient's KubernetesYaml needs code generated at run time; declare its objects in C# (.Deployment(...), .Object(...)), or leave PublishAot off so the lab runs under the JIT.", file.Source);
            return null;
        }

        string text;
        string fullPath;
        try
        {
            fullPath = Path.GetFullPath(file.Value);
            _inputFiles.Add(fullPath);
            var decoded = YamlFileText.Decode(File.ReadAllBytes(file.Value));
            if (decoded.Problem is { } problem)
            {
                _errors.Add(WorkloadYamlUnreadable, $"{path}/yaml", $"'{file.Value}' {problem}", file.Source);
                return null;
            }

            text = decoded.Text!;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            _errors.Add(WorkloadYamlUnreadable, $"{path}/yaml", $"cannot read '{file.Value}' (from {Directory.GetCurrentDirectory()}): {Clause(e.Message)}; a relative path is read from the current directory, the lab project's folder under dotnet build: give a path relative to it or an absolute one, and for a test of the lab that runs in its output folder, copy the file there (<None Include=\"{file.Value}\" CopyToOutputDirectory=\"PreserveNewest\" />).", file.Source);
            return null;
        }

        List<object> objects;
        try
        {
            // KubernetesYaml.LoadAllFromString throws a NullReferenceException on an empty document (it indexes its first
            // pass's dictionary, null for that document; KubernetesClient 21.0.8, pinned by
            // WorkloadObjectTests.KubernetesYaml_throws_on_an_empty_document), which would end the run as lab code.
            text = WithoutEmptyDocuments(text);
            objects = KubernetesYaml.LoadAllFromString(text, typeMap: null, strict: true);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner throws this, not a YamlException, for some malformed input (a flow sequence left open,
            // "replicas: [" followed by a block mapping: Scanner.ScanPlainScalar; seen in a build), with no line: ScannerFailure finds one.
            _errors.Add(WorkloadYamlUnreadable, $"{path}/yaml", $"'{file.Value}' is not valid YAML: {ScannerFailure(text)} (YamlDotNet: {Clause(e.Message)}); fix the YAML there.", file.Source);
            return null;
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            var detail = Clause(e.InnerException is { } inner ? $"{e.Message}: {inner.Message}" : e.Message);
            _errors.Add(WorkloadYamlUnreadable, $"{path}/yaml", $"'{file.Value}' line {YamlErrorLines.Of(text, e)}: {detail}; fix the YAML (fields are read strictly: a misspelled field is an error, as with kubectl --validate=strict).", file.Source);
            return null;
        }
        catch (KeyNotFoundException e)
        {
            // "The given key 'v1/List' was not present in the dictionary." (.NET's message; the key is KubernetesYaml's
            // "<apiVersion>/<kind>", or "apiVersion"/"kind" for a document without one): YamlDocumentHeads finds the document.
            var key = e.Message.Split('\'') is [_, var named, ..] ? named : "";
            var which = YamlDocumentHeads.Describe(text, key)
                ?? $"a document has an apiVersion/kind KubernetesClient has no type for, or none at all ({Clause(e.Message)}); only built-in Kubernetes kinds can be read here, each document with apiVersion and kind";
            _errors.Add(WorkloadYamlUnreadable, $"{path}/yaml", $"'{file.Value}' {which}.", file.Source);
            return null;
        }

        var result = new List<Located<IKubernetesObject<V1ObjectMeta>>>();
        // Each object is reported at its own document in the file (try-out 6: a warning about it named the .YamlFile(...) call).
        var lines = DocumentLines(text, objects.Count);
        SourceLocation At(int i) => lines is null ? file.Source : new SourceLocation(fullPath, lines[i]);
        for (var i = 0; i < objects.Count; i++)
        {
            if (objects[i] is IKubernetesObject<V1ObjectMeta> typed)
            {
                result.Add(new(KubernetesObjects.Copy(typed), At(i)));
            }
            else
            {
                _errors.Add(WorkloadYamlUnreadable, $"{path}/yaml", $"'{file.Value}' holds a {objects[i].GetType().Name}, which is not an object with metadata (a List?); write each object as its own --- document.", At(i));
            }
        }

        return result;
    }

    /// <summary>The line each document's content starts on (1-based), in the order <c>KubernetesYaml.LoadAllFromString</c>
    /// returns their objects; null when the two readers do not count the same documents (the objects are then reported at
    /// the <c>.YamlFile(...)</c> call).</summary>
    private static int[]? DocumentLines(string text, int objects)
    {
        var lines = YamlDocumentHeads.Read(text).Select(head => (int)head.Line).ToArray();
        return lines.Length == objects ? lines : null;
    }

    /// <summary>Name and namespace (GITOPS174), the networks annotation (GITOPS172), hostNetwork with attachments (GITOPS173).</summary>
    /// <param name="ownTemplate">The pod owner is the user's object (not built from <c>.Image(...)</c>, whose image is checked there).</param>
    private void CheckPodOwner(Located<IKubernetesObject<V1ObjectMeta>> owner, string path, string ns, string name, bool attached, bool ownTemplate)
    {
        var obj = owner.Value;
        obj.Metadata ??= new V1ObjectMeta();
        if (string.IsNullOrEmpty(obj.Metadata.Name))
        {
            obj.Metadata.Name = name;
        }
        else if (obj.Metadata.Name != name)
        {
            _errors.Add(WorkloadObjectNameMismatch, $"{path}/object/metadata/name", $"the {obj.Kind} is named '{obj.Metadata.Name}' but declared as .Workload(\"{ns}/{name}\"); leave metadata.name empty or make the two agree.", owner.Source);
        }

        FillNamespace(owner, $"{path}/object", ns, name);
        var annotation = NetworkAttachmentDefinition.NetworksAnnotation;
        if (obj.Metadata.Annotations?.ContainsKey(annotation) == true)
        {
            _errors.Add(WorkloadNetworksAnnotationSet, $"{path}/object/metadata/annotations", $"the {obj.Kind} sets '{annotation}' on its own metadata, where Multus never reads it (it reads pods); remove it and join attachments with .Attach(\"namespace/name\").", owner.Source);
        }

        var template = KubernetesObjects.PodTemplate(obj);
        if (template?.Metadata?.Annotations?.TryGetValue(annotation, out var value) == true)
        {
            _errors.Add(WorkloadNetworksAnnotationSet, $"{path}/object/spec/template/metadata/annotations", $"the pod template already sets '{annotation}: {value}'; the library derives it from .Attach(...), which the model checks (attachment exists, routes, nodes): remove it and call .Attach(\"namespace/name\") for each attachment.", owner.Source);
        }

        // The images of the user's own pod template, read as the kubelet reads them (try-out 5: an upper-case repository
        // built green and the pod would have failed with InvalidImageName).
        foreach (var container in ownTemplate ? (template?.Spec?.InitContainers ?? []).Concat(template?.Spec?.Containers ?? []) : [])
        {
            if (container.Image is { } image)
            {
                CheckImage(new Located<string>(image, owner.Source), $"{path}/object/spec/template/spec/containers/{container.Name}/image");
            }
        }

        if (attached && template?.Spec?.HostNetwork == true)
        {
            _errors.Add(WorkloadHostNetworkAttached, $"{path}/object/spec/template/spec/hostNetwork", "the pods use hostNetwork: true, so the container runtime never calls CNI for them (containerd internal/cri/server/sandbox_run.go: the pod network is set up only if !hostNetwork) and Multus cannot add the attachments; drop hostNetwork or the .Attach(...) calls.", owner.Source);
        }
    }

    /// <summary>An empty namespace becomes the workload's; another one is GITOPS174 (cluster-scoped kinds are left alone).</summary>
    private void FillNamespace(Located<IKubernetesObject<V1ObjectMeta>> item, string path, string ns, string workload)
    {
        var obj = item.Value;
        if (KubernetesObjects.IsClusterScoped(obj))
        {
            return;
        }

        obj.Metadata ??= new V1ObjectMeta();
        if (string.IsNullOrEmpty(obj.Metadata.NamespaceProperty))
        {
            obj.Metadata.NamespaceProperty = ns;
        }
        else if (obj.Metadata.NamespaceProperty != ns)
        {
            _errors.Add(WorkloadObjectNameMismatch, $"{path}/metadata/namespace", $"the {obj.Kind} '{obj.Metadata.Name}' is in namespace '{obj.Metadata.NamespaceProperty}' but belongs to workload '{ns}/{workload}' (pods, their claims and Services meet only within one namespace); leave metadata.namespace empty or set it to '{ns}'.", item.Source);
        }
    }
}
