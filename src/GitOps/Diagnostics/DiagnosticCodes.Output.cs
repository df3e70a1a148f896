namespace GitOps.Diagnostics;

/// <summary>
/// GITOPS2xx: the output folder, the generator's command line and the MSBuild task.
/// This file is also compiled into LabNetwork.GitOps.Build so the task and the library share one list.
/// </summary>
static partial class DiagnosticCodes
{
    /// <summary>A produced file path is not a plain relative path ('..', rooted, '\', empty segment, a character Windows rejects).</summary>
    public const string OutputPathInvalid = "GITOPS201";

    /// <summary>Two produced paths differ only by letter case (they collide on Windows and macOS).</summary>
    public const string OutputPathCaseCollision = "GITOPS202";

    /// <summary>A produced file already exists with other content and the generator did not write it before.</summary>
    public const string OutputFileNotOwned = "GITOPS203";

    /// <summary>A folder stands where a file must go, or a file where a folder must go.</summary>
    public const string OutputPathBlocked = "GITOPS204";

    /// <summary>The list of owned files (<c>.gitops-owned.txt</c>) holds a line that is not a valid relative path.</summary>
    public const string OwnedListInvalid = "GITOPS205";

    /// <summary>Reading, staging or replacing a file failed; nothing in the output folder was changed.</summary>
    public const string OutputIoFailed = "GITOPS206";

    /// <summary>Warning: the new files are in place but a leftover backup or an emptied folder could not be removed.</summary>
    public const string OutputCleanupFailed = "GITOPS207";

    /// <summary>
    /// Warning: a <c>.yaml</c>/<c>.yml</c>/<c>.json</c> file the generator did not write sits in a folder it delivers as a
    /// bundle (with a fleet.yaml or kustomization.yaml): with a kustomization.yaml neither Flux nor Fleet applies it,
    /// without one Fleet applies it unvalidated. Declare its objects in the model or move the file.
    /// </summary>
    public const string OutputFileNotListed = "GITOPS208";

    /// <summary>
    /// Warning: the output folder is not the folder of the git repository that <c>.Repository(path: ...)</c> names, so the
    /// generated GitRepo (Fleet) and Kustomizations (Flux) point where no manifests are. Checked only when the output
    /// folder is inside a git working tree (a folder above it holds <c>.git</c>). Fix: point GitOpsOutputDirectory (or
    /// <c>--output</c>) at that folder, or change the path.
    /// </summary>
    public const string OutputNotRepositoryPath = "GITOPS209";

    /// <summary><c>--check</c>: the output folder differs from what the model produces.</summary>
    public const string OutputOutOfDate = "GITOPS210";

    /// <summary>The generator's command line is invalid.</summary>
    public const string CommandLineInvalid = "GITOPS211";

    /// <summary>
    /// Warning: a <c>.yaml</c>/<c>.yml</c>/<c>.json</c> file the generator did not write sits in a folder the last
    /// generation delivered as a bundle and this one writes nothing into (its last attachment or workload was removed):
    /// the generated files there are deleted and the GitRepo and Kustomizations no longer name the folder, so nothing
    /// delivers the file; Fleet deletes what the removed bundle deployed unless keepResources is set (rancher/fleet#680),
    /// Flux what the deleted Kustomization applied when prune is on. Declare its objects in the model or move the file.
    /// </summary>
    public const string OutputFolderNoLongerDelivered = "GITOPS212";

    /// <summary>
    /// Warning: the build deletes a generated file that holds a PersistentVolumeClaim or a Namespace (a workload, claim or
    /// namespace renamed or removed): when Fleet or Flux removes the object, a dynamically provisioned volume is deleted
    /// with its data (StorageClass reclaim policy Delete by default), and a Namespace takes everything in it. Move the
    /// data first, or keep the old name. Also for Rancher's provisioning Cluster and a Fleet GitRepo in
    /// <c>rancher-local/</c> (synced by the fleet-local GitRepo), and for the fleet-local GitRepo in <c>rancher/</c>
    /// (applied by hand, renamed with the Fleet name: deleting the old one without keepResources deletes the Cluster), and
    /// for a Flux Kustomization in <c>flux/</c> (applied by hand: deleting it with prune: true deletes what it applied).
    /// </summary>
    public const string OutputDeletesStoredData = "GITOPS213";

    /// <summary>
    /// Warning, on the build that does it: an existing bundle's fleet.yaml is rewritten with another
    /// <c>defaultNamespace</c>, the namespace of its Helm release, which Fleet then uninstalls with every object of the
    /// bundle before installing them again.
    /// </summary>
    public const string FleetReleaseNamespaceChanged = "GITOPS214";

    /// <summary>
    /// Warning: an earlier update of the output folder was interrupted (the generator was killed or its build server
    /// stopped while it wrote, so its journal <c>.gitops-update</c> was left); this run undid it (or, when every file was
    /// already in place, finished it) before writing.
    /// </summary>
    public const string OutputUpdateInterrupted = "GITOPS215";

    /// <summary>
    /// <c>--check</c>: an earlier update of the output folder was interrupted, so some files may be missing, old or new.
    /// Fix: run the generator without <c>--check</c> (<c>dotnet build</c>), which undoes it first.
    /// </summary>
    public const string OutputUpdateUnfinished = "GITOPS216";

    /// <summary>
    /// Warning, on the build that does it: a generated file that neither Fleet nor Flux delivers changes (<c>rancher/</c>,
    /// applied by hand on the Rancher cluster; <c>flux/</c>, applied with <c>kubectl apply -k</c>; <c>hosts/</c>, installed on
    /// the machines). Apply or install it again after committing.
    /// </summary>
    public const string OutputChangesHandAppliedFile = "GITOPS217";

    /// <summary>
    /// Warning: a file of the user's in a bundle folder holds an object the model now writes too (same API group, kind,
    /// namespace and name): the bundle holds it twice, and Helm fails the install of such a release. Delete the file in the
    /// commit that adds the generated one.
    /// </summary>
    public const string OutputFileDuplicatesGenerated = "GITOPS218";

    /// <summary>The lab code threw an exception; reported at the user's deepest stack frame.</summary>
    public const string LabCodeThrew = "GITOPS220";

    /// <summary>The lab's build function returned null instead of a lab.</summary>
    public const string LabBuildReturnedNull = "GITOPS221";

    /// <summary>MSBuild task: the generator exited with a failure code without reporting an error.</summary>
    public const string GeneratorFailed = "GITOPS230";

    /// <summary>MSBuild task: the built assembly to run is missing.</summary>
    public const string GeneratorAssemblyMissing = "GITOPS231";

    /// <summary>MSBuild task: the project is not an executable (its entry point is how the generator finds the lab).</summary>
    public const string ProjectNotExecutable = "GITOPS232";
}
