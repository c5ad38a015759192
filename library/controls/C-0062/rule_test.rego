package kubescape.controls.C_0062_test

import data.kubescape.controls.C_0062

test_script_positions if {
	C_0062._script_runs_sudo("sudo -E ./start")
	C_0062._script_runs_sudo("apt-get update && sudo apt-get install -y curl")
	C_0062._script_runs_sudo("set -e\n/usr/bin/sudo -u app ./run")
	C_0062._script_runs_sudo("if true; then HOME=/x sudo ./run; fi")
	C_0062._script_runs_sudo("exec sudo ./run")
	C_0062._script_runs_sudo("echo $(sudo cat /etc/shadow)")
	not C_0062._script_runs_sudo("echo sudo is not installed")
	not C_0062._script_runs_sudo("./run --no-sudo")
	not C_0062._script_runs_sudo("pseudocode ./x")
	not C_0062._script_runs_sudo("sudoku --play")
}

test_program if {
	argv := [{"value": "/usr/bin/env", "path": "a"}, {"value": "-i", "path": "b"}, {"value": "A=1", "path": "c"}, {"value": "sudo", "path": "d"}]
	C_0062._program(argv) == 3
	C_0062._program([{"value": "app", "path": "a"}, {"value": "sudo", "path": "b"}]) == 0
}
