// Stands in for modules that browser code imports but never uses on the paths we run: Node
// built-ins (dicom-parser's eager require("zlib")) and xmlbuilder2 (vtk.js's XML readers).
export const create = () => {
  throw new Error('xmlbuilder2 is not available in the browser build');
};
export default {};
