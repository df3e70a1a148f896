using System.Text;
using GitOps.Whereabouts;
using GitOps.Calico;
using GitOps.Diagnostics;
using GitOps.Kubernetes;
using GitOps.Multus;
using GitOps.Networks;
using GitOps.NodeAgent;
using GitOps.Output;
using GitOps.Topology;
using GitOps.Validation;
using GitOps.Workloads;

namespace GitOps;

/// <summary>
/// Lab model → every output file, in memory. Nothing here touches the disk; the output writer does,
/// and only after everything generated and checked. Throws <see cref="LabValidationException"/> with
/// all problems.
/// </summary>
public static class LabGenerator
{
    /// <summary>
    /// Every file the generator would write for <paramref name="lab"/>, checked and rendered, in memory; writes nothing
    /// (as cdk8s <c>Testing.synth</c>: for a lab's own tests). The same checks as a build, in the same order: the typed
    /// objects (duplicates GITOPS112, schema and CNI validation GITOPS3xx), then the rendered bytes (Fleet bundle sizes).
    /// Deterministic: the same lab gives the same files, byte for byte, on every OS and culture.
    /// </summary>
    /// <param name="lab">A lab from <see cref="LabBuilder.Build"/>.</param>
    /// <returns>The files, sorted by <see cref="GeneratedFile.Path"/> (ordinal); <c>.gitops-owned.txt</c>, which only the
    /// output writer keeps, is not among them.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="lab"/> is null.</exception>
    /// <exception cref="LabValidationException">Any error: two objects with one file or one kind/namespace/name
    /// (GITOPS112), a Fleet bundle over its size limit, or schema and CNI validation errors (GITOPS3xx); all of them
    /// at once, with the warnings found with them.</exception>
    public static IReadOnlyList<GeneratedFile> Generate(Lab lab) =>
        [.. GenerateRendered(lab).Select(file => new GeneratedFile(file.RelativePath, Encoding.UTF8.GetString(file.Content)))];

    /// <summary>The typed files before rendering, checked as <see cref="Generate"/> checks them (tests read the objects).</summary>
    /// <exception cref="LabValidationException">Any error, as <see cref="Generate"/>.</exception>
    internal static ManifestSet GenerateSet(Lab lab)
    {
        var set = Emit(lab);
        _ = Checked(lab, new ManifestSet(set.Files), collectTypedObjects: false); // a set of its own: Checked replaces its objects with their JSON
        return set;
    }

    /// <summary>What the generator writes (GitOpsCli): the same files as <see cref="Generate"/>, rendered once.</summary>
    /// <exception cref="LabValidationException">Any error, as <see cref="Generate"/>.</exception>
    internal static IReadOnlyList<RenderedFile> GenerateRendered(Lab lab) => Checked(lab, Emit(lab), collectTypedObjects: false).Rendered;

    /// <summary>
    /// As <see cref="GenerateRendered"/>, with the warnings found on the way (no error: an error throws), so a
    /// successful build shows them too. The generator process's path (GitOpsCli): it collects the typed objects once
    /// their JSON replaced them (see <see cref="Checked"/>).
    /// </summary>
    /// <exception cref="LabValidationException">Any error, as <see cref="Generate"/>.</exception>
    internal static GeneratedLab GenerateWithWarnings(Lab lab)
    {
        var (rendered, warnings, sources) = Checked(lab, Emit(lab), collectTypedObjects: true);
        return new GeneratedLab(rendered, warnings, sources);
    }

    /// <summary>The size of set (files) from which the generator process collects its garbage (see <see cref="CollectLargeSet"/>).</summary>
    private const int CollectFromFiles = 1000;

    /// <summary>
    /// One full, compacting collection, for a set of at least <see cref="CollectFromFiles"/> files, at the two points of
    /// the generator process where a large set's dead objects sit in the oldest generation, which no collection would reach
    /// before the process had grown by their size: after <see cref="ObjectJsonDocuments.ReplaceObjectsWithJson"/> (the typed
    /// objects, which lived through the emitters; see <see cref="Checked"/>), and before the write (GitOpsCli: the objects'
    /// JSON, the model and the renderer's garbage). At N = 10,000 the first lowers the peak by 22–24 MiB, the second the
    /// NativeAOT bench lab's from 99.5 to 97.5 MiB (docs/performance.md "One form per object", "Peak memory and
    /// allocation"). Not for a small set: in a warm process such as the build server a collection cost the sample lab
    /// (31 files) 10–17 ms of a ~30 ms generator step and saved nothing worth it.
    /// </summary>
    internal static void CollectLargeSet(int files)
    {
        if (files >= CollectFromFiles)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        }
    }

    /// <summary>
    /// Every file emitted, checked, rendered once, then its bytes checked, in this one order: first the typed documents
    /// (objects the cluster would store twice, GITOPS112; schema and CNI validation, GITOPS3xx, embedded objects as
    /// typed children), then rendering, then the Fleet bundle sizes measured on the rendered bytes (GITOPS420); the
    /// problems of both checks together. The only stop between them: an object that cannot be serialized (GITOPS3xx,
    /// ObjectNotValidatable) cannot be rendered either, so its problems are reported without rendering. The Multus
    /// release is the model's (its tag is checked against the release line, GITOPS150), not one read back from the
    /// emitted DaemonSet's image.
    /// <para>
    /// Memory: each object is held in one form at a time. After the duplicate check (which reads the typed objects),
    /// <paramref name="set"/>'s objects are replaced by their JSON (<see cref="ObjectJsonDocuments.ReplaceObjectsWithJson"/>),
    /// which the validator and the writer read; each document is released once its file is rendered. So the set is
    /// spent: the caller keeps no use of it. With <paramref name="collectTypedObjects"/> (the generator process, not a
    /// lab's tests calling <see cref="Generate"/> many times), one full garbage collection follows the replacement: the
    /// typed objects just died, most of them in the oldest generation (they lived through the emitters), which the GC
    /// would not collect for a long while, so the process would grow by their size before reusing it. Only for a set of
    /// at least <see cref="CollectFromFiles"/> files: at N = 10,000 it lowers the process's peak by 22–24 MiB at no
    /// measurable cost, while on the sample lab (31 files) it saved nothing worth its 10–17 ms in a warm process such as
    /// the build server, whose generator step is ~30 ms (docs/performance.md, "One form per object").
    /// </para>
    /// </summary>
    private static (IReadOnlyList<RenderedFile> Rendered, IReadOnlyList<Diagnostic> Warnings, ElementSources Sources) Checked(Lab lab, ManifestSet set, bool collectTypedObjects)
    {
        var sources = ElementSources.Of(lab, set);
        var duplicates = ObjectNames.Duplicates(set);
        ObjectJsonDocuments.ReplaceObjectsWithJson(set); // each object serialized once, read by the validator and the writer
        if (collectTypedObjects)
        {
            CollectLargeSet(set.Files.Count);
        }

        using var json = new ObjectJsonDocuments();
        var options = new ManifestValidationOptions { MultusVersion = MultusImageVersion.FromTag(lab.Multus.ImageTag) };
        var typed = sources.Locate([.. duplicates, .. ManifestValidator.Shared.Validate(set, options, json), .. WorkloadReferences.Check(lab), .. Fleet.FleetTargets.Check(lab)]);
        if (typed.Any(p => p.Code == DiagnosticCodes.ObjectNotValidatable && p.Severity == DiagnosticSeverity.Error))
        {
            throw new LabValidationException(typed);
        }

        // The model's last use is before rendering, so a large lab's model can be collected while its files are rendered.
        var bundleSources = Fleet.FleetBundleSize.SourceOf(lab);
        var rendered = YamlRenderer.Render(set, json);
        IReadOnlyList<Diagnostic> problems = [.. typed, .. sources.Locate(Fleet.FleetBundleSize.Check(rendered, bundleSources))];
        if (problems.Any(p => p.Severity == DiagnosticSeverity.Error))
        {
            throw new LabValidationException(problems);
        }

        return (rendered, problems, sources);
    }

    /// <summary>The emitters' output, before schema validation (benchmarks measure the two apart).</summary>
    internal static ManifestSet Emit(Lab lab)
    {
        ArgumentNullException.ThrowIfNull(lab);
        // The CNI layer: what must run before pods have a network (with a GitOps section K3s applies it at day 0).
        var cniLayer = MultusEmitter.Emit(lab)
            .Concat(CalicoEmitter.Emit(lab))
            .Concat(WhereaboutsEmitter.Crds(lab))
            .ToArray();
        var cluster = CalicoBgpEmitter.Emit(lab)
            .Concat(NodeAgentEmitter.Emit(lab))
            .Concat(WhereaboutsEmitter.Install(lab))
            .Concat(NetworkAttachmentEmitter.Emit(lab))
            .Concat(WorkloadEmitter.Emit(lab))
            .ToArray();
        // NETWORK.md at the top of the folder: in no bundle, read by people (no bundle: delivery never sees it).
        IReadOnlyList<ManifestFile> complete = [.. Delivery.DeliveryEmitter.Complete(lab, cniLayer, cluster), .. Picture.NetworkPictureEmitter.Emit(lab)];
        ObjectNames.ThrowIfFileCollisions(complete);
        return new ManifestSet(complete);
    }

    /// <summary>
    /// Every problem of an emitted set at once: objects the cluster would store twice (GITOPS112) together with
    /// schema and CNI validation (GITOPS3xx), so fixing one kind never reveals the other only on the next build.
    /// </summary>
    internal static IReadOnlyList<Diagnostic> Check(ManifestSet set, ManifestValidationOptions? options = null) =>
        [.. ObjectNames.Duplicates(set), .. ManifestValidator.Shared.Validate(set, options ?? new ManifestValidationOptions())];
}

/// <summary>
/// The rendered output files of a lab, the warnings its checks found (GitOpsCli prints them) and where each file's
/// model element was declared (for problems the output writer finds).
/// </summary>
internal sealed record GeneratedLab(IReadOnlyList<RenderedFile> Rendered, IReadOnlyList<Diagnostic> Warnings, ElementSources Sources);
