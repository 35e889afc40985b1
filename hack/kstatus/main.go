// kstatus prints the kstatus (sigs.k8s.io/cli-utils/pkg/kstatus/status) of one object, the way
// Flux and kubectl-based tools compute it:
//
//	kstatus < object.json                       # an object (JSON or YAML) on standard input
//	kstatus [-n NAMESPACE] RESOURCE NAME        # read from the cluster of $KUBECONFIG
//
// It prints {"status":"Current","message":"..."} on stdout and exits 0, or exits 1 with an error.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/discovery"
	"k8s.io/client-go/discovery/cached/memory"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/restmapper"
	"k8s.io/client-go/tools/clientcmd"
	"sigs.k8s.io/cli-utils/pkg/kstatus/status"
	"sigs.k8s.io/yaml"
)

func main() {
	namespace := flag.String("n", "default", "namespace of the object (with RESOURCE NAME)")
	flag.Parse()
	obj, err := read(flag.Args(), *namespace)
	if err != nil {
		fmt.Fprintln(os.Stderr, "kstatus:", err)
		os.Exit(1)
	}
	res, err := status.Compute(obj)
	if err != nil {
		fmt.Fprintln(os.Stderr, "kstatus:", err)
		os.Exit(1)
	}
	out, _ := json.Marshal(map[string]string{"status": res.Status.String(), "message": res.Message})
	fmt.Println(string(out))
}

func read(args []string, namespace string) (*unstructured.Unstructured, error) {
	switch len(args) {
	case 0:
		data, err := io.ReadAll(os.Stdin)
		if err != nil {
			return nil, err
		}
		// Through JSON, so numbers become int64 as they do when read from the API server.
		jsonData, err := yaml.YAMLToJSON(data)
		if err != nil {
			return nil, fmt.Errorf("standard input is not a JSON or YAML object: %w", err)
		}
		obj := &unstructured.Unstructured{}
		if err := obj.UnmarshalJSON(jsonData); err != nil {
			return nil, fmt.Errorf("standard input is not a Kubernetes object: %w", err)
		}
		return obj, nil
	case 2:
		return get(args[0], args[1], namespace)
	default:
		return nil, fmt.Errorf("usage: kstatus < OBJECT, or kstatus [-n NAMESPACE] RESOURCE NAME")
	}
}

func get(resource, name, namespace string) (*unstructured.Unstructured, error) {
	loading := clientcmd.NewDefaultClientConfigLoadingRules()
	config, err := clientcmd.NewNonInteractiveDeferredLoadingClientConfig(loading, nil).ClientConfig()
	if err != nil {
		return nil, err
	}
	disco, err := discovery.NewDiscoveryClientForConfig(config)
	if err != nil {
		return nil, err
	}
	mapper := restmapper.NewDeferredDiscoveryRESTMapper(memory.NewMemCacheClient(disco))
	gvr, err := mapper.ResourceFor(schema.ParseGroupResource(resource).WithVersion(""))
	if err != nil {
		return nil, err
	}
	client, err := dynamic.NewForConfig(config)
	if err != nil {
		return nil, err
	}
	return client.Resource(gvr).Namespace(namespace).Get(context.Background(), name, metav1.GetOptions{})
}
