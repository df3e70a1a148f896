using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Topology;

/// <summary>Workload rules: names, image, attachments joined, ports.</summary>
internal sealed partial class LabAssembler
{
    /// <remarks>Reports GITOPS112 (DuplicateName), GITOPS113 (MissingElement), GITOPS111 (UnknownReference), GITOPS121 (InvalidValue).</remarks>
    private List<Workload> BuildWorkloads(List<Attachment> attachments)
    {
        var result = new List<Workload>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var w in _lab.Workloads)
        {
            var path = $"lab/workloads/{w.QualifiedName}";
            if (!TrySplitQualified(w.QualifiedName, path, w.Source, "smarthome/homeassistant", out var ns, out var name))
            {
                continue;
            }

            if (!seen.Add(w.QualifiedName))
            {
                _errors.Add(DuplicateName, path, $"the workload '{w.QualifiedName}' is declared twice; Deployment names are unique per namespace.", w.Source);
                continue;
            }

            if (w.ImageRef is not { } image)
            {
                _errors.Add(MissingElement, $"{path}/image", "the workload has no image; add .Image(\"ghcr.io/home-assistant/home-assistant:2025.11\").", w.Source);
                continue;
            }

            CheckImage(image, $"{path}/image");
            var joined = new List<Attachment>();
            foreach (var reference in w.Attachments)
            {
                var target = attachments.FirstOrDefault(a => a.QualifiedName == reference.Value);
                if (target is null)
                {
                    if (_lab.Attachments.All(a => a.QualifiedName != reference.Value))
                    {
                        var known = attachments.Count == 0 ? "none" : string.Join(", ", attachments.Select(a => a.QualifiedName).Order(StringComparer.Ordinal));
                        _errors.Add(UnknownReference, $"{path}/attachments", $"there is no attachment '{reference.Value}' (declared: {known}); use the namespace/name of a declared attachment.", reference.Source);
                    }

                    continue;
                }

                joined.Add(target);
            }

            foreach (var (port, at) in w.Ports)
            {
                if (port.Port is < 1 or > 65535)
                {
                    _errors.Add(InvalidValue, $"{path}/ports/{port.Name}", $"port {port.Port} is out of range; use 1 to 65535.", at);
                }
            }

            CheckPodRoutes(path, w, attachments);
            result.Add(new Workload(name, ns, image.Value, ReadOnly.Copy(joined), ReadOnly.Copy(w.Ports.Select(p => p.Value)), w.Source) { Selections = ReadOnly.Copy(BuildSelections(w, path, attachments)) });
        }

        return result;
    }
}
