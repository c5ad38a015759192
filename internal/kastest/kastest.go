// Package kastest starts a real control plane for tests: etcd and kube-apiserver, built from the
// Go module proxy by hack/build-kas.sh, on loopback, with generated certificates, a service
// account key pair, RBAC authorization and an admin identity. Pods never run (there is no
// kubelet): a posture scan reads objects, and objects are what the API server stores.
package kastest

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	authenticationv1 "k8s.io/api/authentication/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
)

// TB is the part of testing.TB the helper needs.
type TB interface {
	Helper()
	Logf(format string, args ...any)
	Fatalf(format string, args ...any)
	Skipf(format string, args ...any)
}

// Cluster is a running control plane.
type Cluster struct {
	Dir        string
	Kubeconfig string
	Config     *rest.Config
	Client     kubernetes.Interface
	caPEM      []byte
	procs      []*exec.Cmd
}

// Binaries finds kube-apiserver and etcd: $KUBESCAPE_KAS_DIR, else the newest bin/kas/<key>/
// of the repository hack/build-kas.sh writes.
func Binaries() (string, error) {
	if d := os.Getenv("KUBESCAPE_KAS_DIR"); d != "" {
		return d, checkBinaries(d)
	}
	root, err := repoRoot()
	if err != nil {
		return "", err
	}
	dirs, _ := filepath.Glob(filepath.Join(root, "bin", "kas", "*"))
	sort.Slice(dirs, func(i, j int) bool { return modTime(dirs[i]).After(modTime(dirs[j])) })
	for _, d := range dirs {
		if checkBinaries(d) == nil {
			return d, nil
		}
	}
	return "", errors.New("kube-apiserver and etcd are not built: run hack/build-kas.sh (or set KUBESCAPE_KAS_DIR)")
}

func modTime(p string) time.Time {
	if st, err := os.Stat(p); err == nil {
		return st.ModTime()
	}
	return time.Time{}
}

func checkBinaries(d string) error {
	for _, b := range []string{"kube-apiserver", "etcd"} {
		if st, err := os.Stat(filepath.Join(d, b)); err != nil || st.Mode()&0o111 == 0 { //nolint:gosec // a test helper reading its own build output
			return fmt.Errorf("%s has no %s binary", d, b)
		}
	}
	return nil
}

func repoRoot() (string, error) {
	d, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if data, err := os.ReadFile(filepath.Join(d, "go.mod")); err == nil && strings.Contains(string(data), "module github.com/kubescape-ng/kubescape\n") {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", errors.New("not inside the kubescape repository")
		}
		d = filepath.Dir(d)
	}
}

// Start starts etcd and kube-apiserver and waits until the API server is ready. Without the
// binaries the test is skipped with a loud message, or fails when $CI is set (CI builds them).
func Start(t TB) *Cluster {
	t.Helper()
	bin, err := Binaries()
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%v", err)
		}
		t.Skipf("SKIPPED: %v. The tests against a real kube-apiserver did not run.", err)
	}
	c, err := start(bin)
	if err != nil {
		t.Fatalf("starting the control plane: %v", err)
	}
	return c
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer func() { _ = l.Close() }()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func start(bin string) (c *Cluster, err error) {
	dir, err := os.MkdirTemp("", "kastest-")
	if err != nil {
		return nil, err
	}
	c = &Cluster{Dir: dir}
	defer func() {
		if err != nil {
			c.Stop()
		}
	}()
	pki := filepath.Join(dir, "pki")
	if err := os.MkdirAll(pki, 0o700); err != nil {
		return nil, err
	}
	ca, caKey, err := newCA()
	if err != nil {
		return nil, err
	}
	c.caPEM = certPEM(ca)
	if err := writePair(pki, "ca", ca, caKey); err != nil {
		return nil, err
	}
	serving, servingKey, err := newCert(ca, caKey, pkix.Name{CommonName: "kube-apiserver"}, true)
	if err != nil {
		return nil, err
	}
	if err := writePair(pki, "apiserver", serving, servingKey); err != nil {
		return nil, err
	}
	admin, adminKey, err := newCert(ca, caKey, pkix.Name{CommonName: "kubescape-test-admin", Organization: []string{"system:masters"}}, false)
	if err != nil {
		return nil, err
	}
	saKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	saDER, err := x509.MarshalECPrivateKey(saKey)
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(pki, "sa.key"), pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: saDER}), 0o600); err != nil {
		return nil, err
	}

	etcdPort, err := freePort()
	if err != nil {
		return nil, err
	}
	peerPort, err := freePort()
	if err != nil {
		return nil, err
	}
	apiPort, err := freePort()
	if err != nil {
		return nil, err
	}
	etcdURL := "http://127.0.0.1:" + strconv.Itoa(etcdPort)
	if err := c.run(filepath.Join(bin, "etcd"), "etcd",
		"--data-dir", filepath.Join(dir, "etcd"),
		"--listen-client-urls", etcdURL,
		"--listen-peer-urls", "http://127.0.0.1:"+strconv.Itoa(peerPort)); err != nil {
		return nil, err
	}
	if err := waitTCP(etcdPort, 30*time.Second); err != nil {
		return nil, fmt.Errorf("etcd: %w (log: %s)", err, tail(filepath.Join(dir, "etcd.log")))
	}
	if err := c.run(filepath.Join(bin, "kube-apiserver"), "kube-apiserver",
		"--etcd-servers", etcdURL,
		"--bind-address", "127.0.0.1",
		"--secure-port", strconv.Itoa(apiPort),
		"--tls-cert-file", filepath.Join(pki, "apiserver.crt"),
		"--tls-private-key-file", filepath.Join(pki, "apiserver.key"),
		"--client-ca-file", filepath.Join(pki, "ca.crt"),
		"--service-account-issuer", "https://kubernetes.default.svc.cluster.local",
		"--service-account-key-file", filepath.Join(pki, "sa.key"),
		"--service-account-signing-key-file", filepath.Join(pki, "sa.key"),
		"--authorization-mode", "RBAC",
		"--service-cluster-ip-range", "10.0.0.0/16",
		"--endpoint-reconciler-type", "none",
		"--disable-admission-plugins", "ServiceAccount",
		"--allow-privileged=true",
		"--storage-media-type", "application/json",
	); err != nil {
		return nil, err
	}
	c.Config = &rest.Config{
		Host:            "https://127.0.0.1:" + strconv.Itoa(apiPort),
		TLSClientConfig: rest.TLSClientConfig{CAData: c.caPEM, CertData: certPEM(admin), KeyData: keyPEM(adminKey)},
		QPS:             1000, Burst: 2000,
		// Admission warnings about the test objects' own weaknesses are expected.
		WarningHandler: rest.NoWarnings{},
	}
	c.Client, err = kubernetes.NewForConfig(c.Config)
	if err != nil {
		return nil, err
	}
	if err := c.waitReady(90 * time.Second); err != nil {
		return nil, fmt.Errorf("kube-apiserver: %w (log: %s)", err, tail(filepath.Join(dir, "kube-apiserver.log")))
	}
	c.Kubeconfig = filepath.Join(dir, "kubeconfig")
	if err := c.WriteKubeconfig(c.Kubeconfig, "kastest-admin", &clientcmdapi.AuthInfo{ClientCertificateData: certPEM(admin), ClientKeyData: keyPEM(adminKey)}); err != nil {
		return nil, err
	}
	return c, nil
}

func (c *Cluster) run(path, name string, args ...string) error {
	logf, err := os.Create(filepath.Join(c.Dir, name+".log"))
	if err != nil {
		return err
	}
	cmd := exec.Command(path, args...) //nolint:gosec // the control-plane binaries of hack/build-kas.sh
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start %s: %w", name, err)
	}
	c.procs = append(c.procs, cmd)
	return nil
}

func waitTCP(port int, d time.Duration) error {
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		conn, err := net.DialTimeout("tcp", "127.0.0.1:"+strconv.Itoa(port), time.Second)
		if err == nil {
			_ = conn.Close()
			return nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf("port %d not open after %v", port, d)
}

func (c *Cluster) waitReady(d time.Duration) error {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	var last error
	for ctx.Err() == nil {
		body, err := c.Client.Discovery().RESTClient().Get().AbsPath("/readyz").DoRaw(ctx)
		if err == nil && strings.TrimSpace(string(body)) == "ok" {
			return nil
		}
		last = err
		time.Sleep(250 * time.Millisecond)
	}
	return fmt.Errorf("not ready after %v: %w", d, last)
}

func tail(path string) string {
	data, _ := os.ReadFile(path)
	if len(data) > 2000 {
		data = data[len(data)-2000:]
	}
	return string(data)
}

// Stop stops the processes and removes the data.
func (c *Cluster) Stop() {
	for i := len(c.procs) - 1; i >= 0; i-- {
		p := c.procs[i]
		if p.Process != nil {
			_ = p.Process.Signal(syscall.SIGTERM)
			done := make(chan struct{})
			go func() { _ = p.Wait(); close(done) }()
			select {
			case <-done:
			case <-time.After(10 * time.Second):
				_ = p.Process.Kill()
				<-done
			}
		}
	}
	c.procs = nil
	if c.Dir != "" {
		_ = os.RemoveAll(c.Dir)
	}
}

// WriteKubeconfig writes a kubeconfig for this cluster with the given credentials.
func (c *Cluster) WriteKubeconfig(path, user string, auth *clientcmdapi.AuthInfo) error {
	cfg := clientcmdapi.NewConfig()
	cfg.Clusters["kastest"] = &clientcmdapi.Cluster{Server: c.Config.Host, CertificateAuthorityData: c.caPEM}
	cfg.AuthInfos[user] = auth
	cfg.Contexts[user] = &clientcmdapi.Context{Cluster: "kastest", AuthInfo: user}
	cfg.CurrentContext = user
	return clientcmd.WriteToFile(*cfg, path)
}

// KubeconfigForServiceAccount writes a kubeconfig that authenticates as a service account,
// with a token from the TokenRequest API.
func (c *Cluster) KubeconfigForServiceAccount(ctx context.Context, namespace, name, path string) error {
	exp := int64(3600)
	tr, err := c.Client.CoreV1().ServiceAccounts(namespace).CreateToken(ctx, name,
		&authenticationv1.TokenRequest{Spec: authenticationv1.TokenRequestSpec{ExpirationSeconds: &exp}}, metav1.CreateOptions{})
	if err != nil {
		return err
	}
	return c.WriteKubeconfig(path, "sa-"+namespace+"-"+name, &clientcmdapi.AuthInfo{Token: tr.Status.Token})
}

func newCA() (*x509.Certificate, *ecdsa.PrivateKey, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "kastest-ca"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature, BasicConstraintsValid: true, IsCA: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, nil, err
	}
	cert, err := x509.ParseCertificate(der)
	return cert, key, err
}

var serial int64 = 1

func newCert(ca *x509.Certificate, caKey *ecdsa.PrivateKey, subject pkix.Name, server bool) (*x509.Certificate, *ecdsa.PrivateKey, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, err
	}
	serial++
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(serial), Subject: subject,
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature,
	}
	if server {
		tmpl.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}
		tmpl.IPAddresses = []net.IP{net.ParseIP("127.0.0.1"), net.ParseIP("10.0.0.1")}
		tmpl.DNSNames = []string{"localhost", "kubernetes", "kubernetes.default", "kubernetes.default.svc"}
	} else {
		tmpl.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, &key.PublicKey, caKey)
	if err != nil {
		return nil, nil, err
	}
	cert, err := x509.ParseCertificate(der)
	return cert, key, err
}

func certPEM(c *x509.Certificate) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c.Raw})
}

func keyPEM(k *ecdsa.PrivateKey) []byte {
	der, _ := x509.MarshalECPrivateKey(k)
	return pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: der})
}

func writePair(dir, name string, c *x509.Certificate, k *ecdsa.PrivateKey) error {
	if err := os.WriteFile(filepath.Join(dir, name+".crt"), certPEM(c), 0o600); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, name+".key"), keyPEM(k), 0o600)
}
