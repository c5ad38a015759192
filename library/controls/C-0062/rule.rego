package kubescape.controls.C_0062

import data.kubescape.lib.workload

# Most containers have neither command nor args (object.filter keeps only those keys): the
# command line is built only for the others.
deny contains finding if {
	some c in workload.containers
	count(object.filter(c.container, ["command", "args"])) > 0
	argv := _argv(c)
	count(argv) > 0
	some hit in _sudo(argv)
	finding := {
		"msg": sprintf("%s %s", [workload.name_of(c), hit.how]),
		"failedPaths": [hit.path],
	}
}

# _argv is the container's command line as written, command then args, as {"value", "path"}.
# Without command, args go to the image's entrypoint, which usually runs them ("exec $@").
_argv(c) := array.concat(_list(c, "command"), _list(c, "args"))

_list(c, key) := [{"value": v, "path": sprintf("%s.%s[%d]", [c.path, key, i])} |
	l := object.get(c.container, key, [])
	is_array(l)
	some i, v in l
	is_string(v)
]

_basename(s) := parts[count(parts) - 1] if parts := split(trim_space(s), "/")

# Programs that start the command given after their own options (and, for env, VAR=value).
_wrappers := {"env", "tini", "tini-static", "dumb-init", "catatonit", "nohup", "exec", "setsid", "timeout", "nice"}

_shells := {"sh", "bash", "ash", "dash", "zsh", "ksh", "mksh", "busybox"}

# _program is the index in argv of the program actually run: the first word, or the first word
# after the leading wrappers, their options and variable assignments.
_program(argv) := min(candidates) if {
	candidates := {i |
		some i, a in argv
		not _skipped(argv, i)
	}
	count(candidates) > 0
}

# Index i is skipped when every word before it (and itself) is a wrapper, an option or an
# assignment, and the first word is a wrapper.
_skipped(argv, i) if {
	_basename(argv[0].value) in _wrappers
	every j in numbers.range(0, i) {
		_wrapper_word(argv[j].value)
	}
}

_wrapper_word(w) if _basename(w) in _wrappers

_wrapper_word(w) if startswith(w, "-")

_wrapper_word(w) if regex.match(`^[A-Za-z_][A-Za-z0-9_]*=`, w)

# timeout takes a duration before the command.
_wrapper_word(w) if regex.match(`^[0-9.]+[smhd]?$`, w)

_sudo(argv) := {{"path": argv[p].path, "how": sprintf("runs its command with sudo (%q)", [argv[p].value])} |
	p := _program(argv)
	_basename(argv[p].value) == "sudo"
} | {{"path": s.path, "how": sprintf("runs sudo in its shell script (%q)", [_short(s.value)])} |
	s := _script(argv)
	_script_runs_sudo(s.value)
}

# _script is the script of `sh -c "<script>"` (options such as -ec or -xc accepted).
_script(argv) := argv[k] if {
	p := _program(argv)
	_basename(argv[p].value) in _shells
	some i
	i > p
	regex.match(`^-[a-zA-Z]*c[a-zA-Z]*$`, argv[i].value)
	k := i + 1
	k < count(argv)
	every j in numbers.range(p + 1, i) {
		startswith(argv[j].value, "-")
	}
}

# sudo in a command position: at the start of the script, after a separator (; & | newline
# parenthesis, $( or a backquote), a shell keyword, a wrapper, or variable assignments.
_script_runs_sudo(script) if regex.match(_command_position_sudo, script)

_command_position_sudo := concat("", [
	`(?:^|[;&|\n(`, "`", `]|\$\(|\b(?:then|do|else|if|while|until|exec|xargs|nohup|env|time)\s|!\s)`,
	`\s*(?:[A-Za-z_][A-Za-z0-9_]*=\S*\s+)*(?:\S*/)?sudo(?:\s|$|;)`,
])

_short(s) := s if count(s) <= 60

_short(s) := sprintf("%s...", [substring(s, 0, 57)]) if count(s) > 60
