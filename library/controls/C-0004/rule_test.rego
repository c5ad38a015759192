package kubescape.controls.C_0004_test

import data.kubescape.controls.C_0004

test_quantities if {
	C_0004.quantity("128Mi") == 134217728
	C_0004.quantity("1.5Gi") == 1610612736
	C_0004.quantity("1G") == 1000000000
	C_0004.quantity("500M") == 500000000
	C_0004.quantity("2k") == 2000
	C_0004.quantity("129e6") == 129000000
	C_0004.quantity("1E3") == 1000
	C_0004.quantity("1E") == 1000000000000000000
	C_0004.quantity("123456789") == 123456789
	C_0004.quantity(268435456) == 268435456
	C_0004.quantity("500m") == 0.5
	C_0004.quantity(".5") == 0.5
	C_0004.quantity("1.") == 1
	C_0004.quantity("+1Ki") == 1024
	C_0004.quantity("-1Mi") == -1048576
}

test_invalid_quantities if {
	not C_0004.quantity("1K")
	not C_0004.quantity("1 Gi")
	not C_0004.quantity("1GB")
	not C_0004.quantity("lots")
	not C_0004.quantity("")
	not C_0004.quantity(true)
}

test_input_quantities if {
	C_0004.input_quantity("1K") == 1000
	C_0004.input_quantity("2Gi") == 2147483648
	not C_0004.input_quantity(2)
}

test_bounds if {
	b := C_0004.bounds with data.kubescape.inputs as {
		"memory_request_min": ["nope", "64Mi"],
		"memory_request_max": [],
		"memory_limit_max": ["4Gi", "1Gi"],
	}
	b == {
		"memory_request_min": {"q": 67108864, "raw": "64Mi"},
		"memory_limit_max": {"q": 4294967296, "raw": "4Gi"},
	}
}
