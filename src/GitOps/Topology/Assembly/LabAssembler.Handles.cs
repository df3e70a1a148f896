using System.Diagnostics.CodeAnalysis;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Topology;

/// <summary>Typed handles (<see cref="NetworkReference"/>, <see cref="AttachmentReference"/>): only the lab builder that handed one out takes it.</summary>
internal sealed partial class LabAssembler
{
    /// <summary>
    /// True when <paramref name="issuer"/>, the lab builder whose handle named the element, is the one being built, or
    /// null (the element was named by a string, resolved by name as before). Otherwise reports GITOPS128 at the call that
    /// passed the handle and returns false: the handle's name may exist in this lab too, but it names another lab's
    /// element, so it is not resolved here (no second error for the same call).
    /// </summary>
    /// <param name="kind">"network" or "attachment".</param>
    /// <param name="declaration">This lab's call that hands out such a handle, for the fix.</param>
    /// <remarks>Reports GITOPS128 (ForeignReference).</remarks>
    private bool IsOwnHandle(LabBuilder? issuer, string kind, string name, string declaration, string path, SourceLocation source)
    {
        if (NamesThisLab(issuer))
        {
            return true;
        }

        // Where the other builder was created: two labs may have one name (a copy-paste), and the name alone would not tell them apart.
        var created = issuer.Source.ShortText is { } at ? $" at {at}" : "";
        _errors.Add(ForeignReference, path,
            $"the {kind} handle '{name}' was handed out by another lab builder, Lab.Create(\"{issuer.Name}\"){created}, not by this one, " +
            $"Lab.Create(\"{_lab.Name}\"); a handle works only in the lab that declared it. Use this lab's handle " +
            $"({declaration}) or pass the name \"{name}\".", source);
        return false;
    }

    /// <summary>Whether a reference can name an element of the lab being built: a string (no issuer) or this builder's own handle.</summary>
    private bool NamesThisLab([NotNullWhen(false)] LabBuilder? issuer) => issuer is null || ReferenceEquals(issuer, _lab);
}
