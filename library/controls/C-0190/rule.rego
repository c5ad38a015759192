package kubescape.controls.C_0190

import data.kubescape.controls.C_0034

# The CIS wording of C-0034 (Automatic mapping of service account): the same check, so the two
# can never disagree, and a scan that runs both computes it once.
deny := C_0034.deny
