package kubescape.controls.C_0186

import data.kubescape.controls.C_0015

# The CIS wording of C-0015 (List Kubernetes secrets): the same check, so the two can never
# disagree, and a scan that runs both computes it once.
deny := C_0015.deny
