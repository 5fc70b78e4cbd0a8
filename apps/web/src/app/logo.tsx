// The Bulwark shield, drawn inline so it needs no request.
export function Logo({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <path d="M32 4 8 12v18c0 15.5 10.2 26.4 24 30 13.8-3.6 24-14.5 24-30V12L32 4Z" fill="#0b3a8c" />
      <path d="M32 10 14 16v14c0 12 7.7 20.6 18 23.6V10Z" fill="#2d63c8" />
      <path
        d="M22 31h20M22 23h20M22 39h20M32 23v8M27 31v8M37 31v8"
        stroke="#fff"
        strokeWidth="2.5"
        strokeLinecap="round"
        fill="none"
      />
    </svg>
  );
}
