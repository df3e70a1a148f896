using GitOps.Output;
using GitOps.Topology;

namespace GitOps;

/// <summary>Lab model → every output file. Validates the model first; throws <see cref="Diagnostics.LabValidationException"/> with all problems.</summary>
public static class LabGenerator
{
    public static ManifestSet Generate(Lab lab)
    {
        ArgumentNullException.ThrowIfNull(lab);
        return new ManifestSet([]); // STUB: replaced by the emitters (issue 2).
    }
}
