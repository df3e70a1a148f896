# hyperv-2: Hyper-V network adapter settings of the Kubernetes node VMs of the lab 'home-lab',
# written by LabNetwork.GitOps from the lab model.
# Run on hyperv-2 in an elevated PowerShell. It sets each adapter's VLAN and, on adapters that carry
# pod MAC addresses (bridge ports, macvlan masters), MAC address spoofing; running it again changes nothing.
#Requires -Modules Hyper-V
#Requires -RunAsAdministrator
$ErrorActionPreference = 'Stop'

# VM k8s-2 (node k8s-2)
# eth0 on network 'lan' (untagged), carries pod MACs
Set-VMNetworkAdapterVlan -VMName 'k8s-2' -VMNetworkAdapterName 'lan' -Untagged
Set-VMNetworkAdapter -VMName 'k8s-2' -Name 'lan' -MacAddressSpoofing On
# eth1 on network 'k8s' (VLAN 20)
Set-VMNetworkAdapterVlan -VMName 'k8s-2' -VMNetworkAdapterName 'k8s' -Access -VlanId 20
