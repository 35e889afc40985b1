// Two CompositeApps, one per region, as a kubectl List: `node shop.ts | kubectl apply -f -`.
import { compositeApp, type Sidecar } from "compositeapp";

const logShipper: Sidecar = {
  name: "log-shipper",
  preset: { logShipper: { volume: "logs", mountPath: "/var/log/shop", files: ["access.log"] } },
};

const shop = (region: string) =>
  compositeApp({
    metadata: { name: `shop-${region}`, labels: { region } },
    spec: {
      replicas: 2,
      volumes: [{ name: "logs", emptyDir: {} }],
      main: {
        name: "web",
        image: "registry.example/shop:1.4",
        ports: [{ containerPort: 8080 }],
        volumeMounts: [{ name: "logs", mountPath: "/var/log/shop" }],
      },
      sidecars: [logShipper],
      ambassadors: [
        { name: "db", preset: { tcpProxy: { listenPort: 5432, upstream: `postgres.${region}.example:5432` } } },
      ],
    },
  });

const items = ["eu", "us"].map(shop);
process.stdout.write(`${JSON.stringify({ apiVersion: "v1", kind: "List", items }, null, 2)}\n`);
