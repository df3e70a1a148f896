using k8s.Models;

namespace HomeLab;

/// <summary>
/// Home Assistant as a real install runs it, written as plain Kubernetes objects (KubernetesClient's k8s.Models): the
/// official image, the web UI on 8123, its whole state in /config on a volume that outlives the pod
/// (home-assistant.io/installation/linux, "Install Home Assistant Container": <c>-v /PATH_TO_YOUR_CONFIG:/config</c>,
/// then <c>http://&lt;host&gt;:8123</c>). The lab adds the LAN attachment (<c>.Attach(...)</c>) to the pod template;
/// everything here is emitted as written. Its name and namespace come from <c>.Workload("smarthome/homeassistant")</c>.
/// </summary>
public static class HomeAssistant
{
    private const string Name = "homeassistant";

    /// <summary>
    /// The claim for /config, served by K3s's default StorageClass <c>local-path</c> (k3s-io/k3s manifests/local-storage.yaml:
    /// <c>storageclass.kubernetes.io/is-default-class: "true"</c>, <c>WaitForFirstConsumer</c>, <c>reclaimPolicy: Delete</c>):
    /// a directory on the node the pod first runs on, which the pod then stays with. Delete means the data goes with the
    /// claim: removing the claim from the model (Fleet and Flux prune it) deletes /config; back it up first.
    /// </summary>
    private const string ConfigClaim = "homeassistant-config";

    private static Dictionary<string, string> Labels() => new() { ["app.kubernetes.io/name"] = Name };

    public static V1Deployment Deployment() => new()
    {
        Metadata = new V1ObjectMeta { Labels = Labels() },
        Spec = new V1DeploymentSpec
        {
            Replicas = 1,
            // Recreate: the old pod lets go of the ReadWriteOnce volume (and its LAN lease and mDNS name) before the
            // new one starts; a rolling update would start the new pod first and leave it waiting for the volume.
            Strategy = new V1DeploymentStrategy { Type = "Recreate" },
            Selector = new V1LabelSelector { MatchLabels = Labels() },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = Labels() },
                Spec = new V1PodSpec
                {
                    Containers =
                    [
                        new V1Container
                        {
                            Name = Name,
                            // The official image (ghcr.io/home-assistant/home-assistant), pinned; upstream's "stable" tag moves.
                            Image = "ghcr.io/home-assistant/home-assistant:2025.11",
                            Ports = [new V1ContainerPort { Name = "http", ContainerPort = 8123, Protocol = "TCP" }],
                            VolumeMounts = [new V1VolumeMount { Name = "config", MountPath = "/config" }],
                        },
                    ],
                    Volumes =
                    [
                        new V1Volume { Name = "config", PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = ConfigClaim } },
                    ],
                },
            },
        },
    };

    /// <summary>/config: configuration, the recorder database, backups; 5 GiB.</summary>
    public static V1PersistentVolumeClaim ConfigVolumeClaim() => new()
    {
        Metadata = new V1ObjectMeta { Name = ConfigClaim, Labels = Labels() },
        Spec = new V1PersistentVolumeClaimSpec
        {
            AccessModes = ["ReadWriteOnce"],
            Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new ResourceQuantity("5Gi") } },
        },
    };

    /// <summary>The web UI inside the cluster (an Ingress or port-forward); on the LAN the pod answers on its own lease.</summary>
    public static V1Service Service() => new()
    {
        Metadata = new V1ObjectMeta { Name = Name, Labels = Labels() },
        Spec = new V1ServiceSpec
        {
            Selector = Labels(),
            Ports = [new V1ServicePort { Name = "http", Port = 8123, TargetPort = "http", Protocol = "TCP" }],
        },
    };
}
