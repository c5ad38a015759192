package kubescape.controls.C_0264

import data.kubescape.lib.k8s

# The StorageClass is in the input and neither encrypts nor uses an always-encrypted provisioner.
deny contains finding if {
	not encrypted_source
	sc := k8s.related.storageClass
	sc.found == true
	not encrypted_class(sc)
	finding := {
		"msg": sprintf("%s uses StorageClass %q (provisioner %q), which does not set parameters.encrypted to \"true\"", [k8s.describe, sc.name, object.get(sc, "provisioner", "")]),
		"failedPaths": ["spec.storageClassName"],
	}
}

# The StorageClass is not in the input: a person must check it.
deny contains finding if {
	not encrypted_source
	sc := k8s.related.storageClass
	sc.found == false
	is_string(sc.name)
	sc.name != ""
	finding := {
		"msg": sprintf("%s uses StorageClass %q, which the input does not hold: check that it encrypts the volume", [k8s.describe, sc.name]),
		"reviewPaths": ["spec.storageClassName"],
	}
}

# No StorageClass at all (a statically provisioned volume): a person must check it.
deny contains finding if {
	not encrypted_source
	sc := k8s.related.storageClass
	object.get(sc, "name", "") == ""
	finding := {
		"msg": sprintf("%s has no StorageClass: check that its storage is encrypted at rest", [k8s.describe]),
		"reviewPaths": ["spec.storageClassName"],
	}
}

# Providers whose storage is always encrypted at rest.
encrypted_provisioners := {
	"disk.csi.azure.com", "file.csi.azure.com", "blob.csi.azure.com",
	"kubernetes.io/azure-disk", "kubernetes.io/azure-file",
	"pd.csi.storage.gke.io", "filestore.csi.storage.gke.io", "gcsfuse.csi.storage.gke.io",
	"kubernetes.io/gce-pd",
}

# encrypted_source: the PV's own volume source is always encrypted.
encrypted_source if {
	some src in ["azureDisk", "azureFile", "gcePersistentDisk"]
	is_object(input.spec[src])
}

encrypted_source if {
	driver := input.spec.csi.driver
	is_string(driver)
	lower(driver) in encrypted_provisioners
}

encrypted_class(sc) if {
	v := sc.parameters.encrypted
	is_true(v)
}

encrypted_class(sc) if {
	is_string(sc.provisioner)
	lower(sc.provisioner) in encrypted_provisioners
}

is_true(v) if v == true

is_true(v) if {
	is_string(v)
	lower(trim_space(v)) == "true"
}
