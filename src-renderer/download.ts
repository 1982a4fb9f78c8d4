// Saves text the core produced (an exported playlist) as a file through the browser's download mechanism.
export function downloadText(filename: string, content: string, type = 'audio/x-mpegurl'): void {
  const url = URL.createObjectURL(new Blob([content], { type }))
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}
