/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native or runtime-file-loading packages break when bundled (etcd3 loads .proto files at run time;
  // grpc-js and prom-client must stay process singletons shared by every route).
  serverExternalPackages: ['etcd3', '@grpc/grpc-js', '@grpc/proto-loader', 'prom-client'],
  poweredByHeader: false,
  reactStrictMode: true,
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Referrer-Policy', value: 'same-origin' },
        ],
      },
    ];
  },
};

export default nextConfig;
