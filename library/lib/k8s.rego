# Package k8s holds helpers about any Kubernetes object: identity, names, labels, and the
# relations and inputs the scanner prepared for the rules.
package kubescape.lib.k8s

# group and version split input.apiVersion.
group := g if {
	contains(input.apiVersion, "/")
	g := split(input.apiVersion, "/")[0]
}

group := "" if not contains(input.apiVersion, "/")

version := v if {
	parts := split(input.apiVersion, "/")
	v := parts[count(parts) - 1]
}

namespace := object.get(input, ["metadata", "namespace"], "")

name := object.get(input, ["metadata", "name"], "")

# id is input's resource ID, <group>/<version>/<namespace>/<kind>/<name>, the key of every
# relation in data.kubescape.index.related. Built as the scanner builds it: group and version
# split at the first "/" ("v1" is the core group, "/v1"). Every object is asked for its id, so it
# is computed with as few rule evaluations as possible.
id := sprintf("%s/%s/%s/%s", [_group_version, namespace, input.kind, name])

_group_version := input.apiVersion if contains(input.apiVersion, "/") else := concat("", ["/", input.apiVersion])

# related is what the index knows about input (network policies that select it, services
# that expose it, its service account, ...); {} when it knows nothing.
related := object.get(data.kubescape.index.related, [id], {})

# input_list returns one control input (defaults, or the user's controls configuration) as a
# list of strings ([] when unset).
input_list(key) := object.get(data.kubescape.inputs, [key], [])

labels := object.get(input, ["metadata", "labels"], {})

annotations := object.get(input, ["metadata", "annotations"], {})

# describe names input in messages: Deployment "web" in namespace "shop".
describe := sprintf("%s %q in namespace %q", [input.kind, name, namespace]) if namespace != ""
else := sprintf("%s %q", [input.kind, name])
