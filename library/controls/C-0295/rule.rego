package kubescape.controls.C_0295

import data.kubescape.lib.workload

# Every later definition of a name already defined earlier in the same container's env list.
deny contains finding if {
	some c in workload.containers
	env := c.container.env
	is_array(env)
	count(env) > 1
	_has_duplicates(env)
	some j, e in env
	name := e.name
	is_string(name)
	first := min({i | some i, x in env; i < j; x.name == name})
	finding := {
		"msg": sprintf("%s defines the environment variable %q again at env[%d] (first at env[%d]): the last definition silently wins", [workload.name_of(c), name, j, first]),
		"failedPaths": [sprintf("%s.env[%d]", [c.path, j])],
		"reviewPaths": [sprintf("%s.env[%d]", [c.path, first])],
	}
}

# Cheap test first: fewer distinct names than named entries.
_has_duplicates(env) if {
	names := [e.name | some e in env; is_string(e.name)]
	count({n | some n in names}) < count(names)
}
