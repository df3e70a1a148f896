using k8s.Models;

namespace BareMetalLab;

/// <summary>
/// The lab's two workloads as plain Kubernetes objects (KubernetesClient's k8s.Models), emitted as written; the lab adds
/// the IoT attachment to each pod template. Claims use K3s's default StorageClass <c>local-path</c> (k3s-io/k3s
/// manifests/local-storage.yaml), so each pod stays on the node its volume was first made on.
/// </summary>
public static class Workloads
{
    /// <summary>Home Assistant: web UI on 8123, all state in /config (home-assistant.io/installation/linux).</summary>
    public static V1Deployment HomeAssistant() => Deployment("homeassistant", "ghcr.io/home-assistant/home-assistant:2025.11", 8123,
        [Mount("config", "/config", "homeassistant-config")]);

    /// <summary>/config for Home Assistant, 5 GiB.</summary>
    public static V1PersistentVolumeClaim HomeAssistantConfig() => Claim("homeassistant", "homeassistant-config", "5Gi");

    /// <summary>
    /// Frigate: the UI on 8971, its config in /config, recordings in /media/frigate, and a memory-backed /dev/shm for the
    /// decoded frames (docs.frigate.video/frigate/installation, "Docker": the two volumes, port 8971, <c>shm_size</c>).
    /// </summary>
    public static V1Deployment Frigate()
    {
        var deployment = Deployment("frigate", "ghcr.io/blakeblackshear/frigate:0.16.0", 8971,
            [Mount("config", "/config", "frigate-config"), Mount("media", "/media/frigate", "frigate-media")]);
        var pod = deployment.Spec.Template.Spec;
        pod.Volumes.Add(new V1Volume { Name = "shm", EmptyDir = new V1EmptyDirVolumeSource { Medium = "Memory", SizeLimit = new ResourceQuantity("512Mi") } });
        pod.Containers[0].VolumeMounts.Add(new V1VolumeMount { Name = "shm", MountPath = "/dev/shm" });
        return deployment;
    }

    /// <summary>/config for Frigate (config.yml and its database), 1 GiB.</summary>
    public static V1PersistentVolumeClaim FrigateConfig() => Claim("frigate", "frigate-config", "1Gi");

    /// <summary>/media/frigate: clips and recordings, 200 GiB.</summary>
    public static V1PersistentVolumeClaim FrigateMedia() => Claim("frigate", "frigate-media", "200Gi");

    private static Dictionary<string, string> Labels(string app) => new() { ["app.kubernetes.io/name"] = app };

    private static (V1VolumeMount Mount, V1Volume Volume) Mount(string name, string path, string claim) =>
        (new V1VolumeMount { Name = name, MountPath = path },
         new V1Volume { Name = name, PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = claim } });

    // Recreate: the old pod lets go of its ReadWriteOnce volumes before the new one starts.
    private static V1Deployment Deployment(string app, string image, int port, (V1VolumeMount Mount, V1Volume Volume)[] volumes) => new()
    {
        Metadata = new V1ObjectMeta { Labels = Labels(app) },
        Spec = new V1DeploymentSpec
        {
            Replicas = 1,
            Strategy = new V1DeploymentStrategy { Type = "Recreate" },
            Selector = new V1LabelSelector { MatchLabels = Labels(app) },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = Labels(app) },
                Spec = new V1PodSpec
                {
                    Containers =
                    [
                        new V1Container
                        {
                            Name = app,
                            Image = image,
                            Ports = [new V1ContainerPort { Name = "http", ContainerPort = port, Protocol = "TCP" }],
                            VolumeMounts = [.. volumes.Select(v => v.Mount)],
                        },
                    ],
                    Volumes = [.. volumes.Select(v => v.Volume)],
                },
            },
        },
    };

    private static V1PersistentVolumeClaim Claim(string app, string name, string size) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = Labels(app) },
        Spec = new V1PersistentVolumeClaimSpec
        {
            AccessModes = ["ReadWriteOnce"],
            Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new ResourceQuantity(size) } },
        },
    };
}
