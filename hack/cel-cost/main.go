// Prints the estimated cost of the x-kubernetes-validations rules of a CRD as the API server's CRD
// validation computes it (each rule's estimated max cost times the cardinality from maxItems), the
// total against the per-CRD limit, and the most expensive rules. Same library and version as the
// test cluster (k8s.io/apiextensions-apiserver of K8S_VERSION).
//
//	npm run crd:cel-cost    (go run . ../../crds/compositeapp.io_compositeapps.yaml)
package main

import (
	"fmt"
	"os"
	"sort"

	"k8s.io/apiextensions-apiserver/pkg/apis/apiextensions"
	apiextv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	"k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/validation"
	"k8s.io/apiextensions-apiserver/pkg/apiserver/schema/cel"
	celconfig "k8s.io/apiserver/pkg/apis/cel"
	"k8s.io/apiserver/pkg/cel/environment"
	"sigs.k8s.io/yaml"
)

type row struct {
	path                 string
	maxCost, card, total uint64
	err                  string
}

var rows []row
var envSet = environment.MustBaseEnvSet(environment.DefaultCompatibilityVersion(), true)

func walk(s *apiextensions.JSONSchemaProps, c *validation.CELSchemaContext, path string) {
	if len(s.XValidations) > 0 {
		ti, err := c.TypeInfo()
		if err != nil || ti == nil {
			fmt.Println("typeinfo error at", path, err)
			os.Exit(1)
		}
		results, err := cel.Compile(ti.Schema, ti.DeclType, celconfig.PerCallLimit, envSet, cel.NewExpressionsEnvLoader())
		if err != nil {
			fmt.Println("compile error at", path, err)
			os.Exit(1)
		}
		for i, r := range results {
			card := r.MaxCardinality
			if c.MaxCardinality != nil {
				card = *c.MaxCardinality
			}
			e := ""
			if r.Error != nil {
				e = r.Error.Error()
			}
			total := r.MaxCost * card
			if card != 0 && total/card != r.MaxCost {
				total = ^uint64(0)
			}
			rows = append(rows, row{fmt.Sprintf("%s[%d]", path, i), r.MaxCost, card, total, e})
		}
	}
	for name := range s.Properties {
		p := s.Properties[name]
		walk(&p, c.ChildPropertyContext(&p, name), path+"."+name)
	}
	if s.Items != nil && s.Items.Schema != nil {
		walk(s.Items.Schema, c.ChildItemsContext(s.Items.Schema), path+"[]")
	}
	if s.AdditionalProperties != nil && s.AdditionalProperties.Schema != nil {
		walk(s.AdditionalProperties.Schema, c.ChildAdditionalPropertiesContext(s.AdditionalProperties.Schema), path+"{}")
	}
}

func main() {
	data, err := os.ReadFile(os.Args[1])
	if err != nil {
		panic(err)
	}
	var crd apiextv1.CustomResourceDefinition
	if err := yaml.Unmarshal(data, &crd); err != nil {
		panic(err)
	}
	var internal apiextensions.CustomResourceValidation
	if err := apiextv1.Convert_v1_CustomResourceValidation_To_apiextensions_CustomResourceValidation(crd.Spec.Versions[0].Schema, &internal, nil); err != nil {
		panic(err)
	}
	root := internal.OpenAPIV3Schema
	walk(root, validation.RootCELContext(root), "")
	sort.Slice(rows, func(i, j int) bool { return rows[i].total > rows[j].total })
	var sum uint64
	for _, r := range rows {
		sum += r.total
	}
	fmt.Printf("rules: %d; estimated total cost %d (limit %d, %.1f%%); per-rule limit %d\n", len(rows), sum, validation.StaticEstimatedCRDCostLimit, 100*float64(sum)/float64(validation.StaticEstimatedCRDCostLimit), validation.StaticEstimatedCostLimit)
	for i, r := range rows {
		if i >= 12 {
			break
		}
		fmt.Printf("%12d = %9d x %6d  openAPIV3Schema%s %s\n", r.total, r.maxCost, r.card, r.path, r.err)
	}
}
