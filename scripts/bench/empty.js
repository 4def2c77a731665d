// Imported by fresh.html?impl=empty: what importing any module costs a fresh page (the floor).
export {};
