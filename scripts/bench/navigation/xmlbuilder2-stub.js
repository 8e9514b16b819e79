// Stands in for xmlbuilder2 in the bare Cornerstone3D page: vtk.js's XML readers are never used.
export const create = () => {
  throw new Error('xmlbuilder2 is not available in the browser');
};
export default {};
