package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"time"
)

// main serves cp's provisioning endpoint. Configuration comes from the
// environment, so no secret appears on a command line:
//
//	CP_SHARED_SECRET     the bearer token core sends (required)
//	CP_TENANT_TOKENS     a JSON object, organisation id -> tenant admin token
//
// With -addr 127.0.0.1:0 the kernel picks the port; the first line on stdout
// is "listening on http://HOST:PORT" once the server accepts connections.
func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on (host:port; port 0 picks a free one)")
	flag.Parse()
	secret := os.Getenv("CP_SHARED_SECRET")
	if secret == "" {
		fmt.Fprintln(os.Stderr, "cp: CP_SHARED_SECRET is not set; set it to the bearer token core sends")
		os.Exit(2)
	}
	tenantTokens := map[string]string{}
	if text := os.Getenv("CP_TENANT_TOKENS"); text != "" {
		if err := json.Unmarshal([]byte(text), &tenantTokens); err != nil {
			fmt.Fprintf(os.Stderr, "cp: CP_TENANT_TOKENS is not a JSON object of strings: %v\n", err)
			os.Exit(2)
		}
	}
	listener, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(os.Stderr, "cp: %v\n", err)
		os.Exit(2)
	}
	fmt.Printf("listening on http://%s\n", listener.Addr())
	srv := &http.Server{Handler: &server{secret: secret, tenantTokens: tenantTokens}, ReadHeaderTimeout: 10 * time.Second}
	log.Fatal(srv.Serve(listener))
}
