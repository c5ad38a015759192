package kubescape.controls.C_0050_test

import data.kubescape.controls.C_0050

test_cpu_quantities if {
	C_0050.quantity("500m") == 0.5
	C_0050.quantity("0.5") == 0.5
	C_0050.quantity("2") == 2
	C_0050.quantity(2) == 2
	C_0050.quantity(0.25) == 0.25
	C_0050.quantity("250m") < C_0050.quantity("0.3")
	C_0050.quantity("1500m") == C_0050.quantity("1.5")
	C_0050.quantity("100000u") == 0.1
	not C_0050.quantity("500 m")
	not C_0050.quantity("half")
}

test_cpu_bounds if {
	b := C_0050.bounds with data.kubescape.inputs as {"cpu_limit_max": ["2"], "cpu_request_min": ["100m"]}
	b.cpu_limit_max.q == 2
	b.cpu_request_min.q == 0.1
	count(b) == 2
}
